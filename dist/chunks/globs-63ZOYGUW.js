#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{compileGlobs,unsafeGlobReason}from"./chunk-3GLY756J.js";import"./chunk-76QWQIHZ.js";import"./chunk-DK4BLHCS.js";export{compileGlobs,unsafeGlobReason};
