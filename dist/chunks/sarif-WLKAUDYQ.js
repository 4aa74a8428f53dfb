#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{INFORMATION_URI,SARIF_SCHEMA,pascalCase,sarifReporter,securitySeverity,toSarif}from"./chunk-V5LEERCD.js";import"./chunk-JU26L76W.js";import"./chunk-G4DJTIH6.js";import"./chunk-FDKCSTCN.js";import"./chunk-DK4BLHCS.js";export{INFORMATION_URI,SARIF_SCHEMA,pascalCase,sarifReporter,securitySeverity,toSarif};
