#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{ANNOTATIONS_PER_LEVEL,annotation,escapeData,escapeProperty,githubReporter}from"./chunk-XLT3AR2Q.js";import"./chunk-DK4BLHCS.js";export{ANNOTATIONS_PER_LEVEL,annotation,escapeData,escapeProperty,githubReporter};
