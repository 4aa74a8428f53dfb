#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{INFORMATION_URI,RULES_DOC_URI,SARIF_SCHEMA,pascalCase,sarifReporter,securitySeverity,toSarif}from"./chunk-Q5EHBEGZ.js";import"./chunk-JU26L76W.js";import"./chunk-FDKCSTCN.js";import"./chunk-DK4BLHCS.js";export{INFORMATION_URI,RULES_DOC_URI,SARIF_SCHEMA,pascalCase,sarifReporter,securitySeverity,toSarif};
