#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{applyBaseline,fingerprint,writeBaseline}from"./chunk-6G6X2XA3.js";import"./chunk-DC7QHFMQ.js";import"./chunk-K6AFU55Y.js";import"./chunk-DK4BLHCS.js";export{applyBaseline,fingerprint,writeBaseline};
