// One reporter for the validators of plan data, story files and workspace files. An issue names the file,
// where in it (the caller's context: element id, scene, layer and feature), the dotted field path and a message.
// Validators of files people load (workspace, story) give the message as a catalog key with variables (`msg`),
// rendered in the user's language by the UI; `message` is its English text for scripts, logs and tests.
import { t, type MessageKey, type Msg, type Vars } from './i18n/catalog.ts';

export type Issue<W extends object> = { file: string } & W & { field: string; message: string; msg?: Msg };

export class Reporter<W extends object> {
  readonly issues: Issue<W>[] = [];
  /** `where` is the default context of add(); callers may narrow it as they walk (e.g. to a scene id). */
  constructor(
    readonly file: string,
    public where: W,
    /** Stop collecting after this many issues (a broken million-feature file need not list every one). */
    readonly max = Infinity,
  ) {}
  get full(): boolean {
    return this.issues.length >= this.max;
  }
  /** An issue with a fixed English message (build-time validators: plan data). */
  add(field: string, message: string, where: W = this.where): void {
    if (this.full) return;
    this.issues.push({ file: this.file, ...where, field, message });
  }
  /** An issue whose message is a catalog entry. */
  say(field: string, msg: Msg, where: W = this.where): void {
    if (this.full) return;
    this.issues.push({ file: this.file, ...where, field, message: t(msg.key, 'en', msg.vars), msg });
  }
  /** Reports each key of `o` that is not in `allowed`, as `prefix.key`. */
  unknownKeys(o: Record<string, unknown>, allowed: readonly string[], prefix: string, message = 'unknown field (typo?)'): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.add(prefix ? `${prefix}.${k}` : k, message);
  }
}

/** A catalog message, for Reporter.say and validators. */
export const msg = (key: MessageKey, vars?: Vars): Msg => (vars ? { key, vars } : { key });

/** An issue's message in `lang`: its catalog entry when it has one, else the fixed text. */
export function issueText(i: { message: string; msg?: Msg }, lang: 'zh' | 'en'): string {
  return i.msg ? t(i.msg.key, lang, i.msg.vars) : i.message;
}
