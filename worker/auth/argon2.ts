import Argon2 from "@phi-ag/argon2";
import argon2Wasm from "@phi-ag/argon2/argon2.wasm";

let instance: Argon2 | undefined;

/** One argon2 instance per isolate: Workers forbid compiling wasm at run time, so the module is bundled. */
export function argon2(): Argon2 {
  instance ??= new Argon2(new WebAssembly.Instance(argon2Wasm));
  return instance;
}
