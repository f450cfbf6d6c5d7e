// One reporter for the validators of plan data, story files and workspace files. An issue names the file,
// where in it (the caller's context: element id, scene, layer and feature), the dotted field path and a message.

export type Issue<W extends object> = { file: string } & W & { field: string; message: string };

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
  add(field: string, message: string, where: W = this.where): void {
    if (this.full) return;
    this.issues.push({ file: this.file, ...where, field, message });
  }
  /** Reports each key of `o` that is not in `allowed`, as `prefix.key`. */
  unknownKeys(o: Record<string, unknown>, allowed: readonly string[], prefix: string, message = 'unknown field (typo?)'): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.add(prefix ? `${prefix}.${k}` : k, message);
  }
}
