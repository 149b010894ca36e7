// main.ts imports this before anything else, so that the dependencies' own requires already meet the placeholders.
import { deferRarelyUsedModules } from './lazy-modules';

deferRarelyUsedModules();
