// typescript-eslint parses with TypeScript's JavaScript API, which TypeScript 7 (the native
// compiler the project type-checks with) no longer ships. The linter alone gets TypeScript 6,
// installed under the alias `typescript-6` (ADR 0094); `tsc` stays TypeScript 7.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript' && /[\\/]node_modules[\\/](@typescript-eslint|typescript-eslint|ts-api-utils)[\\/]/.test(context.parentURL ?? '')) {
      return nextResolve('typescript-6', context);
    }
    return nextResolve(specifier, context);
  },
});
