import { normalizeDte } from '../normalize/normalize-dte';
import { DteXmlError, nestsDeeperThan, parseDteXml } from './dte-xml';

const ENVELOPE = `<?xml version="1.0" encoding="ISO-8859-1"?>
<EnvioDTE xmlns="http://www.sii.cl/SiiDte" version="1.0">
  <SetDTE ID="SetDoc"><Caratula version="1.0"><RutEmisor>76086428-5</RutEmisor></Caratula>
    <DTE version="1.0"><Documento ID="F123T33">
      <Encabezado>
        <IdDoc><TipoDTE>33</TipoDTE><Folio>123</Folio><FchEmis>2026-11-16</FchEmis></IdDoc>
        <Emisor><RUTEmisor>76086428-5</RUTEmisor><RznSoc>Ferretería Los Andes SpA</RznSoc><Acteco>466301</Acteco><Acteco>620100</Acteco></Emisor>
        <Receptor><RUTRecep>96874030-K</RUTRecep></Receptor>
        <Totales><MntNeto>100000</MntNeto><TasaIVA>19</TasaIVA><IVA>19000</IVA><MntTotal>119000</MntTotal></Totales>
      </Encabezado>
      <Detalle><NroLinDet>1</NroLinDet><NmbItem>Cemento &amp; arena</NmbItem><QtyItem>20</QtyItem><PrcItem>5000</PrcItem><MontoItem>100000</MontoItem></Detalle>
      <Referencia><NroLinRef>1</NroLinRef><TpoDocRef>801</TpoDocRef><FolioRef>P00042</FolioRef></Referencia>
      <TED version="1.0"><DD><RE>76086428-5</RE><TD>33</TD><F>123</F><MNT>119000</MNT></DD><FRMT algoritmo="SHA1withRSA">abc=</FRMT></TED>
    </Documento></DTE>
  </SetDTE>
</EnvioDTE>`;

describe(parseDteXml.name, () => {
  it('reads the one DTE of an EnvioDTE into SII-tag JSON the normalizer understands', () => {
    const parsed = parseDteXml(ENVELOPE);
    expect(parsed.root).toBe('Documento');
    const { doc } = normalizeDte({ dte: parsed });
    expect([doc.TipoDTE, doc.Folio, doc.FchEmis, doc.Totales.MntTotal]).toEqual([33, 123, '2026-11-16', 119000]);
    expect(doc.Emisor.Acteco).toEqual([466301, 620100]);
    expect(doc.Detalle).toEqual([{ NroLinDet: 1, NmbItem: 'Cemento & arena', QtyItem: 20, PrcItem: 5000, MontoItem: 100000 }]);
    expect(doc.Referencia).toEqual([{ NroLinRef: 1, TpoDocRef: '801', FolioRef: 'P00042' }]);
    expect(doc.TED).toEqual({ RE: '76086428-5', TD: 33, F: 123, MNT: 119000 });
  });

  it('reads prefixed tags and an export document root', () => {
    const parsed = parseDteXml(
      '<sii:DTE xmlns:sii="http://www.sii.cl/SiiDte"><sii:Exportaciones><sii:Encabezado><sii:IdDoc><sii:TipoDTE>110</sii:TipoDTE></sii:IdDoc></sii:Encabezado></sii:Exportaciones></sii:DTE>',
    );
    expect(parsed).toEqual({ root: 'Exportaciones', Encabezado: { IdDoc: { TipoDTE: '110' } } });
  });

  it('never resolves entities declared in a DTD', () => {
    const xml = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><DTE><Documento><Encabezado><IdDoc><Folio>&x;</Folio></IdDoc></Encabezado></Documento></DTE>';
    const folio = (parseDteXml(xml).Encabezado as { IdDoc: { Folio: string } }).IdDoc.Folio;
    expect(folio).not.toContain('root:');
  });

  it.each([
    ['', 'dte_xml is empty'],
    ['{"TipoDTE": 33}', 'dte_xml is not XML (it must start with "<")'],
    ['<Factura><Folio>1</Folio></Factura>', 'dte_xml holds no DTE: expected a <Documento>, <Liquidacion> or <Exportaciones> element'],
    ['<SetDTE><DTE><Documento><A>1</A></Documento></DTE><DTE><Documento><A>2</A></Documento></DTE></SetDTE>', 'dte_xml holds 2 DTEs; send one document per request'],
    ['<DTE><Documento> </Documento></DTE>', '<Documento> in dte_xml is empty'],
  ])('rejects %j with a message the sender can act on', (xml, message) => {
    expect(() => parseDteXml(xml)).toThrow(new DteXmlError(message));
  });
});

describe(nestsDeeperThan.name, () => {
  it('counts element nesting, ignoring self-closing tags, comments, CDATA and declarations', () => {
    const xml = '<?xml version="1.0"?><!-- <a><b><c> --><A><B/><C><![CDATA[<x><y><z>]]></C><D><E></E></D></A>';
    expect(nestsDeeperThan(xml, 3)).toBe(false);
    expect(nestsDeeperThan(xml, 2)).toBe(true);
  });

  it('refuses a deeply nested DTE before parsing it', () => {
    const deep = `<DTE><Documento><Detalle>${'<x>'.repeat(6000)}${'</x>'.repeat(6000)}</Detalle></Documento></DTE>`;
    expect(() => parseDteXml(deep)).toThrow(/more than 40 levels/);
  });
});
