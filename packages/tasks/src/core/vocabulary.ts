// One token per whitespace-separated symbol. Every family's vocabulary starts with the same
// reserved block, so the platform's special tokens have the same ids in every task.

export const PAD = "<pad>";
export const BOS = "<bos>";
export const EOS = "<eos>";
export const UNK = "<unk>";
/** The blank token: an empty password slot is a run of these. */
export const BLANK = "_";
/** Tokens available for passwords and decoys (p0 … p15). */
export const PASSWORD_TOKENS: readonly string[] = Array.from({ length: 16 }, (_, i) => `p${i}`);
export const SPECIAL_TOKENS: readonly string[] = [PAD, BOS, EOS, UNK, BLANK];
/** The reserved block at ids 0 … 20 of every vocabulary. */
export const RESERVED_TOKENS: readonly string[] = [...SPECIAL_TOKENS, ...PASSWORD_TOKENS];

/** Split text into its whitespace-separated symbols. */
export function splitTokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t.length > 0);
}

export class Vocabulary {
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;

  /** `taskTokens` are appended after the reserved block. */
  constructor(taskTokens: readonly string[]) {
    this.tokens = Object.freeze([...RESERVED_TOKENS, ...taskTokens]);
    this.ids = new Map();
    this.tokens.forEach((token, id) => {
      if (token.length === 0 || /\s/.test(token))
        throw new Error(`bad token ${JSON.stringify(token)}`);
      if (this.ids.has(token)) throw new Error(`duplicate token ${token}`);
      this.ids.set(token, id);
    });
  }

  get size(): number {
    return this.tokens.length;
  }

  get padId(): number {
    return 0;
  }
  get bosId(): number {
    return 1;
  }
  get eosId(): number {
    return 2;
  }
  get unkId(): number {
    return 3;
  }
  get blankId(): number {
    return 4;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** The id of `token`, or `<unk>`'s id for a symbol outside the vocabulary. */
  id(token: string): number {
    return this.ids.get(token) ?? this.unkId;
  }

  token(id: number): string {
    return this.tokens[id] ?? UNK;
  }

  /** True for the reserved block (specials and password tokens). */
  isReserved(id: number): boolean {
    return id >= 0 && id < RESERVED_TOKENS.length;
  }

  encode(text: string): number[] {
    return splitTokens(text).map((t) => this.id(t));
  }

  decode(ids: readonly number[]): string {
    return ids.map((id) => this.token(id)).join(" ");
  }
}
