#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{applyBaseline,fingerprint,writeBaseline}from"./chunk-PDDJXRJ4.js";import"./chunk-DC7QHFMQ.js";import"./chunk-M2I6DQTQ.js";import"./chunk-DK4BLHCS.js";export{applyBaseline,fingerprint,writeBaseline};
