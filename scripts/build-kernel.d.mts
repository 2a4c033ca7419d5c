/** The path of the generated module, core/kernel/kernel-bytes.ts. */
export const KERNEL_MODULE: string;
/** Compiles kernel/ (AssemblyScript) and returns the WebAssembly bytes. */
export function compileKernel(): Promise<Uint8Array>;
/** The text of core/kernel/kernel-bytes.ts for these bytes. */
export function kernelModuleText(bytes: Uint8Array): string;
