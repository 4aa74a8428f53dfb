#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
var virtual_package_version_default="0.1.0";export{virtual_package_version_default};
