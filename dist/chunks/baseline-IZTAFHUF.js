#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{applyBaseline,fingerprint,writeBaseline}from"./chunk-UXEAAPLJ.js";import"./chunk-DC7QHFMQ.js";import"./chunk-DY6R7Z3M.js";import"./chunk-DK4BLHCS.js";export{applyBaseline,fingerprint,writeBaseline};
