// English names for administrative units: pinyin stem + standard suffix.
import { pinyin } from 'pinyin-pro';

// Place-name readings pinyin-pro gets wrong out of context.
const CHAR_READING: Record<string, string> = { 都: 'du', 什: 'shi', 筠: 'jun', 重: 'chong' };

const ETHNIC: [string, string][] = [
  ['藏族羌族', 'Tibetan and Qiang'],
  ['土家族苗族', 'Tujia and Miao'],
  ['苗族土家族', 'Miao and Tujia'],
  ['藏族', 'Tibetan'],
  ['羌族', 'Qiang'],
  ['彝族', 'Yi'],
  ['土家族', 'Tujia'],
  ['苗族', 'Miao'],
];

const SUFFIXES: [string, string][] = [
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['省', 'Province'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
];

export function toPinyin(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' }) as string[];
  const joined = [...zh].map((ch, i) => CHAR_READING[ch] ?? syllables[i]).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** 简阳市 → Jianyang City; 峨边彝族自治县 → Ebian Yi Autonomous County; 重庆市 (level province) → Chongqing Municipality. */
export function englishName(zh: string, level: 'province' | 'prefecture' | 'county'): string {
  if (level === 'province' && zh === '重庆市') return 'Chongqing Municipality';
  for (const [suffix, en] of SUFFIXES) {
    if (!zh.endsWith(suffix) || zh.length === suffix.length) continue;
    let stem = zh.slice(0, -suffix.length);
    let ethnic = '';
    for (const [e, eEn] of ETHNIC) {
      if (suffix.startsWith('自治') && stem.endsWith(e)) {
        stem = stem.slice(0, -e.length);
        ethnic = ` ${eEn}`;
        break;
      }
    }
    return `${toPinyin(stem)}${ethnic} ${en}`;
  }
  return toPinyin(zh);
}
