// The engine's tokenizer interface. Tasks supply vocabularies (lists of whitespace-separated
// symbols); the engine only needs ids, the padding id and the end-of-sequence id.
import { z } from "zod";

export interface Tokenizer {
  /** Token strings by id. */
  readonly vocab: readonly string[];
  /** Filler for unused batch positions (never a training target). */
  readonly padId: number;
  /** End of a completion: appended to training completions, stops generation. */
  readonly eosId: number;
  encode(text: string): number[];
  /** Text of the ids, without pad/eos tokens. */
  decode(ids: readonly number[]): string;
}

/** What a checkpoint stores to rebuild a tokenizer. */
export const tokenizerSpecSchema = z.object({
  kind: z.literal("word"),
  vocab: z.array(z.string()).min(2),
  padId: z.number().int().min(0),
  eosId: z.number().int().min(0),
});
export type TokenizerSpec = z.infer<typeof tokenizerSpecSchema>;

export const PAD = "<pad>";
export const EOS = "<eos>";

/**
 * Whitespace-separated symbols, one id each. `<pad>` and `<eos>` are prepended (ids 0 and 1)
 * unless the vocabulary already contains them. Unknown symbols are an error, not silently mapped.
 */
export class WordTokenizer implements Tokenizer {
  readonly vocab: readonly string[];
  readonly padId: number;
  readonly eosId: number;
  private readonly ids: Map<string, number>;

  constructor(symbols: readonly string[]) {
    const specials = [PAD, EOS].filter((s) => !symbols.includes(s));
    const vocab = [...specials, ...symbols];
    const ids = new Map<string, number>();
    vocab.forEach((s, i) => {
      if (s.length === 0 || /\s/.test(s))
        throw new Error(`vocabulary symbol ${JSON.stringify(s)} is empty or has whitespace`);
      if (ids.has(s)) throw new Error(`duplicate vocabulary symbol ${JSON.stringify(s)}`);
      ids.set(s, i);
    });
    this.vocab = vocab;
    this.ids = ids;
    this.padId = ids.get(PAD)!;
    this.eosId = ids.get(EOS)!;
  }

  static fromSpec(spec: TokenizerSpec): WordTokenizer {
    const tok = new WordTokenizer(spec.vocab);
    if (tok.padId !== spec.padId || tok.eosId !== spec.eosId) {
      throw new Error("tokenizer spec: pad/eos ids do not match the vocabulary");
    }
    return tok;
  }

  spec(): TokenizerSpec {
    return { kind: "word", vocab: [...this.vocab], padId: this.padId, eosId: this.eosId };
  }

  encode(text: string): number[] {
    return text
      .split(/\s+/)
      .filter((s) => s.length > 0)
      .map((s) => {
        const id = this.ids.get(s);
        if (id === undefined)
          throw new Error(`symbol ${JSON.stringify(s)} is not in the vocabulary`);
        return id;
      });
  }

  decode(ids: readonly number[]): string {
    return ids
      .filter((id) => id !== this.padId && id !== this.eosId)
      .map((id) => this.vocab[id] ?? `<${id}?>`)
      .join(" ");
  }
}
