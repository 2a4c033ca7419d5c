// The kernel's exports: see kernel.ts (normals, exp) and units.ts (the units of a draw).
export { exp, fillLaneNormals, fillNormals, heapBase, lanesPointer, nextNormal, statePointer, tablesPointer } from './kernel';
export { drawBlock, generalUnits, twoCandidateUnits } from './units';
