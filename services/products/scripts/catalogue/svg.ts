/**
 * Product thumbnails: one small standalone SVG per (item shape × colour), a simple silhouette of the item
 * filled with the variant's colour on a light background. Each stays well under 3 KB.
 */
import { COLOURS, type ColourKey, type Shape } from './model.ts';

export const SHAPE_LABELS: Record<Shape, string> = {
  boot: 'Hiking boot',
  shoe: 'Trail running shoe',
  'rain-boot': 'Rain boot',
  jacket: 'Hooded rain jacket',
  puffer: 'Quilted insulated jacket',
  fleece: 'Fleece jacket',
  shirt: 'Base layer top',
  leggings: 'Base layer leggings',
  trousers: 'Hiking trousers',
  sock: 'Sock',
  backpack: 'Backpack',
  tent: 'Dome tent',
  'sleeping-bag': 'Mummy sleeping bag',
  headlamp: 'Headlamp',
  bottle: 'Water bottle',
  glove: 'Glove',
  beanie: 'Beanie hat',
  'sun-hat': 'Sun hat',
};

interface Paint {
  /** Main colour. */
  f: string;
  /** Outline: the main colour darkened. */
  s: string;
  /** Detail lines: contrasting tint or shade of the main colour. */
  d: string;
  /** Rubber soles, caps: a neutral dark that still contrasts with a black item. */
  k: string;
}

const hexToRgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

const mix = (hex: string, target: string, t: number): string => {
  const a = hexToRgb(hex);
  const b = hexToRgb(target);
  return `#${a
    .map((v, i) =>
      Math.round(v + ((b[i] ?? 0) - v) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
};

const luminance = (hex: string): number => {
  const [r, g, b] = hexToRgb(hex);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

function paintFor(colour: ColourKey): Paint {
  const f: string = COLOURS[colour].hex;
  const light = luminance(f) > 0.55;
  return {
    f,
    s: mix(f, '#000000', light ? 0.45 : 0.4),
    d: light ? mix(f, '#000000', 0.35) : mix(f, '#ffffff', 0.45),
    k: luminance(f) < 0.2 ? '#6b635b' : '#38332e',
  };
}

/** Inner SVG markup of each silhouette, drawn in a 320×240 box with the ground at y≈214. */
const SHAPES: Record<Shape, (p: Paint) => string> = {
  boot: (p) =>
    `<path d="M104 44h64q4 0 5 6l2 56q22 10 52 26 30 14 31 38v14H92v-34q6-40 12-106z" fill="${p.f}"/>` +
    `<rect x="99" y="34" width="76" height="15" rx="7" fill="${p.s}"/>` +
    `<path d="M86 184h176q5 0 3 7l-3 9H90q-6 0-4-9z" fill="${p.k}"/>` +
    `<path d="M94 162h164M150 62l22-5M151 78l22-5M153 94l22-5M158 110l24-2M185 117l17 9" stroke="${p.d}" stroke-width="4" stroke-linecap="round" fill="none"/>`,
  shoe: (p) =>
    `<path d="M72 152q2-34 32-40l36-8q10-2 16 6 20 14 48 18 42 6 56 34v14H70z" fill="${p.f}"/>` +
    `<path d="M66 176h198q4 0 2 7l-3 5H74q-10 0-8-8z" fill="#f3f1ea" stroke="${p.s}" stroke-width="2"/>` +
    `<path d="M72 188h190l-4 8H78z" fill="${p.k}"/>` +
    `<path d="M104 164q56-26 122-20" stroke="${p.d}" stroke-width="7" stroke-linecap="round" fill="none"/>` +
    `<path d="M160 109l-8 12M172 115l-7 12M185 120l-5 12" stroke="${p.d}" stroke-width="4" stroke-linecap="round"/>`,
  'rain-boot': (p) =>
    `<path d="M112 36h64l4 114q34 4 58 18 16 10 14 24H106q-4-42 6-156z" fill="${p.f}"/>` +
    `<rect x="110" y="34" width="70" height="14" rx="5" fill="${p.s}"/>` +
    `<path d="M100 192h158l-3 13H104z" fill="${p.k}"/>` +
    `<path d="M126 62l-2 96" stroke="#fff" stroke-opacity=".45" stroke-width="7" stroke-linecap="round"/>`,
  jacket: (p) =>
    `<path d="M126 52q34-44 68 0l4 8 34 12q16 6 20 24l18 92q1 6-5 7l-21 3q-6 1-7-5l-11-69v82H94v-82l-11 69q-1 6-7 5l-21-3q-6-1-5-7l18-92q4-18 20-24l34-12z" fill="${p.f}"/>` +
    `<path d="M138 56q22-30 44 0l-4 14q-18-8-36 0z" fill="${p.s}"/>` +
    `<path d="M160 70v136M108 152l20-22M212 152l-20-22M94 194h132" stroke="${p.d}" stroke-width="3" stroke-linecap="round" fill="none"/>`,
  puffer: (p) =>
    `<path d="M130 60l4-20h52l4 20 42 12q16 6 20 24l18 92q1 6-5 7l-21 3q-6 1-7-5l-11-69v82H94v-82l-11 69q-1 6-7 5l-21-3q-6-1-5-7l18-92q4-18 20-24z" fill="${p.f}"/>` +
    `<path d="M160 44v162M94 96q66 10 132 0M94 126q66 10 132 0M94 156q66 10 132 0M94 186q66 10 132 0M68 112l16 3M63 142l16 3M58 172l16 3M252 112l-16 3M257 142l-16 3M262 172l-16 3" stroke="${p.d}" stroke-width="3" stroke-linecap="round" fill="none"/>`,
  fleece: (p) =>
    `<path d="M130 60l4-18h52l4 18 42 12q16 6 20 24l18 92q1 6-5 7l-21 3q-6 1-7-5l-11-69v82H94v-82l-11 69q-1 6-7 5l-21-3q-6-1-5-7l18-92q4-18 20-24z" fill="${p.f}"/>` +
    `<path d="M88 72l42-12h60l42 12q9 4 12 14l-18 10H94l-18-10q3-10 12-14z" fill="${p.s}" opacity=".55"/>` +
    `<path d="M160 44v162M184 118h22M94 198h132" stroke="${p.d}" stroke-width="3" stroke-linecap="round" fill="none"/>`,
  shirt: (p) =>
    `<path d="M122 46q38 20 76 0l38 18q10 6 12 20l14 102-22 4-18-82-2 98H100l-2-98-18 82-22-4 14-102q2-14 12-20z" fill="${p.f}"/>` +
    `<path d="M122 46q38 26 76 0M128 52l-26 50M192 52l26 50" stroke="${p.d}" stroke-width="3" stroke-linecap="round" fill="none"/>`,
  leggings: (p) =>
    `<path d="M120 30h80l4 60-8 122h-26l-8-116h-4l-8 116h-26l-8-122z" fill="${p.f}"/>` +
    `<rect x="118" y="28" width="84" height="14" rx="4" fill="${p.s}"/>` +
    `<path d="M160 44v48M128 198h18M174 198h18" stroke="${p.d}" stroke-width="3" stroke-linecap="round"/>`,
  trousers: (p) =>
    `<path d="M112 28h96l8 184h-42l-12-126h-4l-12 126h-42z" fill="${p.f}"/>` +
    `<rect x="110" y="26" width="100" height="15" rx="3" fill="${p.s}"/>` +
    `<path d="M118 42q8 22 22 4M202 42q-8 22-22 4M160 42v40" stroke="${p.d}" stroke-width="3" stroke-linecap="round" fill="none"/>` +
    `<rect x="182" y="110" width="24" height="32" rx="3" fill="none" stroke="${p.d}" stroke-width="3"/>`,
  sock: (p) =>
    `<path d="M136 26h50v106q0 14 12 20l44 18q20 8 14 28-6 16-28 12l-78-18q-22-6-18-28z" fill="${p.f}"/>` +
    `<rect x="134" y="24" width="54" height="24" rx="4" fill="${p.s}"/>` +
    `<path d="M132 164q-4 22 18 28l6-22z" fill="${p.s}"/><path d="M236 172q26 6 20 26-6 16-28 12z" fill="${p.s}"/>` +
    `<path d="M146 28v18M156 28v18M166 28v18M176 28v18" stroke="${p.d}" stroke-width="3"/>`,
  backpack: (p) =>
    `<rect x="90" y="70" width="18" height="120" rx="9" fill="${p.s}"/><rect x="212" y="70" width="18" height="120" rx="9" fill="${p.s}"/>` +
    `<path d="M110 64q0-16 16-16h68q16 0 16 16l4 132q0 14-14 14h-80q-14 0-14-14z" fill="${p.f}"/>` +
    `<path d="M148 40q12-22 24 0" fill="none" stroke="${p.k}" stroke-width="5"/>` +
    `<path d="M112 58q0-18 18-18h60q18 0 18 18v26q-48 12-96 0z" fill="${p.s}"/>` +
    `<rect x="128" y="122" width="64" height="68" rx="12" fill="none" stroke="${p.d}" stroke-width="3"/>` +
    `<path d="M110 108h100M140 84v38M180 84v38" stroke="${p.d}" stroke-width="3"/>`,
  tent: (p) =>
    `<path d="M30 199h260M44 196l-22 10M276 196l22 10" stroke="#8a877d" stroke-width="2"/>` +
    `<path d="M44 196q52-136 116-144 64 8 116 144z" fill="${p.f}"/>` +
    `<path d="M160 80q-26 60-36 116h72q-10-56-36-116z" fill="${p.s}"/>` +
    `<path d="M58 190q80-180 168-100M262 190q-80-180-168-100" stroke="${p.d}" stroke-width="3" fill="none"/>`,
  'sleeping-bag': (p) =>
    `<path d="M160 22q48 0 52 48l-6 126q-2 18-46 20-44-2-46-20l-6-126q4-48 52-48z" fill="${p.f}"/>` +
    `<ellipse cx="160" cy="56" rx="26" ry="20" fill="${p.s}"/>` +
    `<path d="M112 100q48 10 98 0M114 130q46 10 94 0M116 160q44 10 90 0M118 190q42 10 86 0" stroke="${p.d}" stroke-width="3" fill="none"/>` +
    `<path d="M196 84v112" stroke="${p.d}" stroke-width="3" stroke-dasharray="4 4"/>`,
  headlamp: (p) =>
    `<ellipse cx="160" cy="132" rx="112" ry="46" fill="none" stroke="${p.s}" stroke-width="18"/>` +
    `<ellipse cx="160" cy="132" rx="112" ry="46" fill="none" stroke="${p.f}" stroke-width="12"/>` +
    `<rect x="116" y="118" width="88" height="62" rx="16" fill="${p.f}"/>` +
    `<circle cx="160" cy="149" r="30" fill="#ffe97a" opacity=".45"/><circle cx="160" cy="149" r="19" fill="#fff8d6" stroke="${p.s}" stroke-width="3"/>` +
    `<rect x="186" y="110" width="14" height="9" rx="3" fill="${p.k}"/>`,
  bottle: (p) =>
    `<path d="M138 66q2-18 8-22h28q6 4 8 22z" fill="${p.f}"/>` +
    `<rect x="126" y="62" width="68" height="150" rx="20" fill="${p.f}"/>` +
    `<rect x="140" y="22" width="40" height="26" rx="6" fill="${p.k}"/>` +
    `<path d="M180 30q24 0 20 16" fill="none" stroke="${p.k}" stroke-width="5"/>` +
    `<rect x="126" y="98" width="68" height="10" fill="${p.s}"/>` +
    `<path d="M142 122v72" stroke="#fff" stroke-opacity=".4" stroke-width="7" stroke-linecap="round"/>`,
  glove: (p) =>
    `<rect x="118" y="52" width="24" height="80" rx="12" fill="${p.f}"/><rect x="144" y="34" width="24" height="96" rx="12" fill="${p.f}"/>` +
    `<rect x="170" y="40" width="24" height="90" rx="12" fill="${p.f}"/><rect x="196" y="58" width="22" height="74" rx="11" fill="${p.f}"/>` +
    `<rect x="104" y="100" width="24" height="72" rx="12" transform="rotate(-40 116 160)" fill="${p.f}"/>` +
    `<rect x="116" y="100" width="104" height="86" rx="16" fill="${p.f}"/>` +
    `<rect x="122" y="180" width="92" height="34" rx="6" fill="${p.s}"/>` +
    `<path d="M142 112v22M168 108v26M194 112v22" stroke="${p.d}" stroke-width="3" stroke-linecap="round"/>`,
  beanie: (p) =>
    `<path d="M88 168q0-106 72-106t72 106z" fill="${p.f}"/>` +
    `<circle cx="160" cy="52" r="22" fill="${p.d}"/>` +
    `<rect x="80" y="156" width="160" height="44" rx="10" fill="${p.s}"/>` +
    `<path d="M96 160v36M112 160v36M128 160v36M144 160v36M160 160v36M176 160v36M192 160v36M208 160v36M224 160v36" stroke="${p.d}" stroke-width="3"/>`,
  'sun-hat': (p) =>
    `<ellipse cx="160" cy="164" rx="126" ry="30" fill="${p.f}"/>` +
    `<path d="M100 164q0-84 60-84t60 84z" fill="${p.f}"/>` +
    `<path d="M100 140h120v18q-60 8-120 0z" fill="${p.s}"/>` +
    `<ellipse cx="160" cy="166" rx="112" ry="23" fill="none" stroke="${p.d}" stroke-width="2" stroke-dasharray="5 5"/>`,
};

export const imageFileName = (shape: Shape, colour: ColourKey): string =>
  `${shape}-${COLOURS[colour].name.toLowerCase().replaceAll(' ', '-')}.svg`;

export function renderSvg(shape: Shape, colour: ColourKey): string {
  const paint = paintFor(colour);
  const title = `${SHAPE_LABELS[shape]} in ${COLOURS[colour].name.toLowerCase()}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240" role="img">` +
    `<title>${title}</title>` +
    `<rect width="320" height="240" fill="#f5f3ee"/>` +
    `<ellipse cx="160" cy="216" rx="118" ry="8" fill="#000" opacity=".07"/>` +
    `<g stroke="${paint.s}" stroke-width="3" stroke-linejoin="round">${SHAPES[shape](paint)}</g>` +
    `</svg>\n`
  );
}
