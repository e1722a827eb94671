/**
 * Small PDF files for tests, written by hand: Chinese text in the standard CJK font STSong-Light
 * with the UniGB-UCS2-H encoding (as older newspaper PDFs do; no font is embedded, readers bring
 * their own), placed where the test says, or a page with only an image (a scan).
 */
export interface PdfRun {
  x: number;
  /** Baseline, from the top of the page (PDF counts from the bottom; this helper converts). */
  y: number;
  size: number;
  text: string;
}

export type PdfPageSpec = { width?: number; height?: number; runs: PdfRun[] } | { scan: true };

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex.toUpperCase();
}

export function makePdf(pages: PdfPageSpec[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [' +
      `${objects.length + 2} 0 R] >>`,
  );
  add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ' +
      `${objects.length + 2} 0 R /DW 1000 >>`,
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const kids: number[] = [];
  for (const spec of pages) {
    const width = 'scan' in spec ? 595 : (spec.width ?? 595);
    const height = 'scan' in spec ? 842 : (spec.height ?? 842);
    let content: string;
    let resources: string;
    if ('scan' in spec) {
      // A grey 2×2 image stretched over the page: what a scan without a text layer looks like.
      const image = add(
        '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x90\xa0\xb0\nendstream',
      );
      content = `q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q`;
      resources = `<< /XObject << /Im0 ${image} 0 R >> >>`;
    } else {
      content = spec.runs
        .map((r) => `BT /F0 ${r.size} Tf ${r.x} ${height - r.y} Td <${utf16Hex(r.text)}> Tj ET`)
        .join('\n');
      resources = `<< /Font << /F0 ${font} 0 R >> >>`;
    }
    const stream = add(
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${width} ${height}] /Resources ${resources} /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
