/** Version of the scoring rules. Bump when any rule, default or tokenisation change could move a score. */
export const ENGINE_VERSION = '1.0.0';
