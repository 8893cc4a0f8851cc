"""XLIFF files written the way the tools newsrooms exchange them with write them (hand-made for the tests):
memoQ (XLIFF 1.2, mq: extensions, bpt/ept and ph codes), Trados Studio (sdlxliff: XLIFF 1.2 with a seg-source of
`mrk mtype="seg"` segments inside paragraph-level g codes, confirmation in sdl:seg conf), Phrase (XLIFF 1.2 in
groups, g and x codes, signed-off and needs-review states, notes) and XLIFF 2.0 (pc, ph, sc/ec, two segments
in a unit with an ignorable between them)."""

from __future__ import annotations

MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
  <file original="C:\\Stories\\sayl.docx" source-language="uz-latn-uz" target-language="kk-kz" datatype="x-memoq"
        mq:docid="2f1c6a2e">
    <header><tool tool-id="MQ" tool-name="memoQ" tool-version="10.4"/></header>
    <body>
      <trans-unit id="1" mq:status="ManuallyConfirmed" mq:segmentguid="a1" xml:space="preserve">
        <source>Saylov <bpt id="1" ctype="bold">{}</bpt>ertaga<ept id="1">{}</ept> boʻladi.</source>
        <target state="translated">Сайлау <bpt id="1" ctype="bold">{}</bpt>ертең<ept id="1">{}</ept> өтеді.</target>
      </trans-unit>
      <trans-unit id="2" mq:status="Proofread" mq:segmentguid="a2" xml:space="preserve">
        <source>Natijalar<ph id="1">&lt;fn/&gt;</ph> dushanba kuni eʼlon qilinadi.</source>
        <target state="final">Нәтижелер<ph id="1">&lt;fn/&gt;</ph> дүйсенбі күні жарияланады.</target>
      </trans-unit>
      <trans-unit id="3" mq:status="PartiallyEdited" mq:segmentguid="a3" xml:space="preserve">
        <source>Kuzatuvchilar 40 ta davlatdan keladi.</source>
        <target state="needs-review-translation">Бақылаушылар 40 елден келеді.</target>
        <note from="reviewer">check the number</note>
      </trans-unit>
      <trans-unit id="4" mq:status="NotStarted" mq:segmentguid="a4" xml:space="preserve">
        <source>Uchastkalar soat 8 da ochiladi.</source>
        <target state="new"></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

TRADOS = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       version="1.2" sdl:version="1.0">
  <file original="D:\\Projects\\hosil.docx" datatype="x-sdlfilterframework2" source-language="uz-Latn-UZ"
        target-language="ru-RU">
    <header>
      <file-info xmlns="http://sdl.com/FileTypes/SdlXliff/1.0"><value key="SDL:FileId">f00d</value></file-info>
      <tag-defs xmlns="http://sdl.com/FileTypes/SdlXliff/1.0">
        <tag id="pt1"><bpt name="p"/><ept name="p"/></tag>
        <tag id="pt2"><bpt name="b" can-hide="true">&lt;b&gt;</bpt><ept name="b">&lt;/b&gt;</ept></tag>
      </tag-defs>
    </header>
    <body>
      <group>
        <sdl:cxts><sdl:cxt id="1"/></sdl:cxts>
        <trans-unit id="0c8a3b1e-1" translate="no"><source>[hidden]</source></trans-unit>
        <trans-unit id="0c8a3b1e-2">
          <source><g id="pt1">Bugʻdoy hosili oshdi. Fermerlar <g id="pt2">mamnun</g>. Narxlar tushdi.</g></source>
          <seg-source><g id="pt1"><mrk mtype="seg" mid="1">Bugʻdoy hosili oshdi.</mrk> <mrk mtype="seg" mid="2">Fermerlar <g id="pt2">mamnun</g>.</mrk> <mrk mtype="seg" mid="3">Narxlar tushdi.</mrk></g></seg-source>
          <target><g id="pt1"><mrk mtype="seg" mid="1">Урожай пшеницы вырос.</mrk> <mrk mtype="seg" mid="2">Фермеры <g id="pt2">довольны</g>.</mrk> <mrk mtype="seg" mid="3"></mrk></g></target>
          <sdl:seg-defs>
            <sdl:seg id="1" conf="ApprovedTranslation" origin="interactive"/>
            <sdl:seg id="2" conf="Draft" origin="tm" percent="85"/>
            <sdl:seg id="3"/>
          </sdl:seg-defs>
        </trans-unit>
        <trans-unit id="0c8a3b1e-3">
          <source><g id="pt1">Vazir bayonot berdi.</g></source>
          <seg-source><g id="pt1"><mrk mtype="seg" mid="4">Vazir bayonot berdi.</mrk></g></seg-source>
          <target><g id="pt1"><mrk mtype="seg" mid="4">Министр сделал заявление.</mrk></g></target>
          <sdl:seg-defs><sdl:seg id="4" conf="Translated" origin="interactive"/></sdl:seg-defs>
        </trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""

PHRASE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:m="http://www.memsource.com/mxlf/2.0" version="1.2"
       m:version="2.0" m:level="1">
  <file original="suv.docx" source-language="uz" target-language="en" datatype="x-undefined" m:file-format="docx">
    <body>
      <group id="0" m:para-id="0">
        <trans-unit id="rZPl:0" m:para-id="0" m:confirmed="1">
          <source>Suv taʼminoti <g id="1" ctype="x-html-b">yaxshilandi</g>.</source>
          <target state="signed-off">Water supply <g id="1" ctype="x-html-b">improved</g>.</target>
          <note>headline</note>
        </trans-unit>
        <trans-unit id="rZPl:1" m:para-id="0">
          <source>Loyiha<x id="2" ctype="x-footnote"/> 2025-yilda tugaydi.</source>
          <target state="needs-review-translation">The project<x id="2" ctype="x-footnote"/> ends in 2025.</target>
        </trans-unit>
      </group>
      <group id="1" m:para-id="1">
        <trans-unit id="rZPl:2" m:para-id="1">
          <source>Aholi mamnun.</source>
        </trans-unit>
        <trans-unit id="rZPl:3" m:para-id="1" approved="yes">
          <source>Rahmat.</source>
          <target>Thank you.</target>
        </trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="uz-Cyrl" trgLang="ru">
  <file id="f1" original="ob-havo.docx">
    <unit id="u1">
      <notes><note category="context">weather, front page</note></notes>
      <segment id="s1" state="final">
        <source>Тошкентда <pc id="1" type="fmt" subType="xlf:b">ёмғир</pc> ёғади<ph id="2" disp="[fn]"/>.</source>
        <target>В Ташкенте пойдёт <pc id="1" type="fmt" subType="xlf:b">дождь</pc><ph id="2" disp="[fn]"/>.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2" state="initial">
        <source><sc id="3"/>Ҳарорат<ec startRef="3"/> пасаяди.</source>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="s3" state="reviewed">
        <source>Шамол кучаяди.</source>
        <target>Ветер усилится.</target>
      </segment>
    </unit>
    <unit id="u3" translate="no">
      <segment id="s4"><source>ID-4411</source></segment>
    </unit>
  </file>
</xliff>
"""
