/**
 * Every application identifier of the GS1 Barcode Syntax Dictionary, as much of each entry as
 * splitting a scan needs: the AI or AI range, "*" for the AIs the dictionary flags as predefined
 * length (they end by length, every other AI ends at GS or at the end of the data), the
 * components' types and lengths ("N..8" up to 8 digits, "[N3]" optional), and the pairs it
 * forbids (ex=, where "n" stands for any digit). Linters, req= and Digital Link attributes are
 * left out: the product checks the content of the AIs it reads itself (labels/gs1.ts).
 *
 * Transcribed from gs1-syntax-dictionary.txt of the GS1 Barcode Syntax Dictionary (GS1 AISBL,
 * Apache-2.0), ranges of identical consecutive entries merged. test/labels/gs1-conformance.json
 * checks it: its verdicts come from GS1's Syntax Engine with release 2026-01-27.
 */
const DICTIONARY = `
00* N18
01* N14 ex=255,37
02* N14 ex=01,03
03* N14 ex=01,02,37
10 X..20
11-13* N6
15-17* N6
20* N2
21 X..20 ex=235
22 X..20
235 X..28
240-241 X..30
242 N..6
243 X..20
250-251 X..30
253 N13 [X..17]
254 X..20
255 N13 [N..12] ex=01,02,415,8006,8020,8026
30 N..8
3100-3105* N6 ex=310n
3110-3115* N6 ex=311n
3120-3125* N6 ex=312n
3130-3135* N6 ex=313n
3140-3145* N6 ex=314n
3150-3155* N6 ex=315n
3160-3165* N6 ex=316n
3200-3205* N6 ex=320n
3210-3215* N6 ex=321n
3220-3225* N6 ex=322n
3230-3235* N6 ex=323n
3240-3245* N6 ex=324n
3250-3255* N6 ex=325n
3260-3265* N6 ex=326n
3270-3275* N6 ex=327n
3280-3285* N6 ex=328n
3290-3295* N6 ex=329n
3300-3305* N6 ex=330n
3310-3315* N6 ex=331n
3320-3325* N6 ex=332n
3330-3335* N6 ex=333n
3340-3345* N6 ex=334n
3350-3355* N6 ex=335n
3360-3365* N6 ex=336n
3370-3375* N6 ex=337n
3400-3405* N6 ex=340n
3410-3415* N6 ex=341n
3420-3425* N6 ex=342n
3430-3435* N6 ex=343n
3440-3445* N6 ex=344n
3450-3455* N6 ex=345n
3460-3465* N6 ex=346n
3470-3475* N6 ex=347n
3480-3485* N6 ex=348n
3490-3495* N6 ex=349n
3500-3505* N6 ex=350n
3510-3515* N6 ex=351n
3520-3525* N6 ex=352n
3530-3535* N6 ex=353n
3540-3545* N6 ex=354n
3550-3555* N6 ex=355n
3560-3565* N6 ex=356n
3570-3575* N6 ex=357n
3600-3605* N6 ex=360n
3610-3615* N6 ex=361n
3620-3625* N6 ex=362n
3630-3635* N6 ex=363n
3640-3645* N6 ex=364n
3650-3655* N6 ex=365n
3660-3665* N6 ex=366n
3670-3675* N6 ex=367n
3680-3685* N6 ex=368n
3690-3695* N6 ex=369n
37 N..8
3900-3909 N..15 ex=390n,391n,394n,8111
3910-3919 N3 N..15 ex=391n
3920-3929 N..15 ex=392n,393n
3930-3939 N3 N..15 ex=393n
3940-3943 N4 ex=394n,8111
3950-3955 N6 ex=392n,393n,395n,8005
400-401 X..30
402 N17
403 X..30
410-417* N13
420 X..20 ex=421
421 N3 X..9 ex=4307
422 N3 ex=426
423 N3 [N3] [N3] [N3] [N3] ex=426
424 N3 ex=426
425 N3 [N3] [N3] [N3] [N3] ex=426
426 N3
427 X..3
4300-4301 X..35
4302-4306 X..70
4307 X2
4308 X..30
4309 N10 N10
4310-4311 X..35
4312-4316 X..70
4317 X2
4318 X..20
4319 X..30
4320 X..35
4321-4323 N1
4324-4325 N6 N4
4326 N6
4330 N6 [X1] ex=4331
4331 N6 [X1] ex=4330
4332 N6 [X1] ex=4333
4333 N6 [X1] ex=4332
7001 N13
7002 X..30
7003 N6 N4
7004 N..4
7005 X..12
7006 N6
7007 N6 [N6]
7008 X..3
7009 X..10
7010 X..2
7011 N6 [N4]
7020-7022 X..20
7023 X..30
7030-7039 N3 X..27
7040 N1 X1 X1 X1
7041 X..4
710-716 X..20
7230-7239 X2 X..28
7240 X..20
7241 N2
7242 X..25
7250 N8 ex=7251
7251 N8 N4 ex=7250
7252 N1
7253-7254 X..40 ex=7256,7259
7255 X..10 ex=7256,7259
7256 X..90
7257 X..70
7258 X3
7259 X..40 ex=7256
8001 N4 N5 N3 N1 N1
8002 X..20
8003 N1 N13 [X..16]
8004 X..30
8005 N6
8006 N14 N4 ex=01,37
8007 X..34
8008 N6 N2 [N2] [N2]
8009 X..50
8010 Y..30
8011 N..12
8012 X..20
8013-8014 X..25
8017 N18 ex=8018
8018 N18 ex=8017
8019 N..10
8020 X..25
8026 N14 N4 ex=02,8006
8030 Z..90
8110 X..70
8111 N4
8112 X..70
8200 X..70
90 X..30
91-99 X..90
`;

export interface AiComponent {
  min: number;
  max: number;
  optional: boolean;
}

export interface AiEntry {
  /** Ends by its length: no GS needed after it. */
  predefined: boolean;
  components: readonly AiComponent[];
  /** AIs or patterns such as "310n" that must not appear in the same scan. */
  excludes: readonly string[];
}

function component(spec: string): AiComponent {
  const m = /^(\[)?[NXYZ](\.\.)?(\d+)\]?$/.exec(spec);
  if (!m) throw new Error(`Bad component ${spec} in the AI table`);
  const max = Number(m[3]);
  return { min: m[2] ? 1 : max, max, optional: m[1] !== undefined };
}

const ENTRIES = new Map<string, AiEntry>();
for (const line of DICTIONARY.trim().split('\n')) {
  const [head, ...rest] = line.split(' ');
  const ex = rest.at(-1)?.startsWith('ex=') ? rest.pop()!.slice(3).split(',') : [];
  const entry: AiEntry = { predefined: head.endsWith('*'), components: rest.map(component), excludes: ex };
  const [first, last = first] = head.replace('*', '').split('-');
  for (let n = Number(first); n <= Number(last); n++) ENTRIES.set(String(n).padStart(first.length, '0'), entry);
}

/** All AIs that start with the same two digits have the same length (the engine relies on it too). */
const LENGTH_BY_PREFIX = new Map([...ENTRIES.keys()].map((ai) => [ai.slice(0, 2), ai.length]));

export function aiEntry(ai: string): AiEntry | undefined {
  return ENTRIES.get(ai);
}

/** The AI that starts at `at` in an element string, or undefined when no AI starts there. */
export function aiAt(data: string, at: number): string | undefined {
  const length = LENGTH_BY_PREFIX.get(data.slice(at, at + 2));
  const ai = length === undefined ? undefined : data.slice(at, at + length);
  return ai !== undefined && ENTRIES.has(ai) ? ai : undefined;
}

/** Whether an AI matches an ex= pattern such as "310n" or "8111". */
export function matchesPattern(ai: string, pattern: string): boolean {
  return ai.length === pattern.length && [...pattern].every((c, i) => c === 'n' || c === ai[i]);
}
