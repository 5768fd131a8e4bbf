invalid-service-inactive = ne prima upućivanja (njen status je { $status })
invalid-not-hsds = ne prati HSDS 3.0: { $detail }
invalid-not-a-service-list = nije ni niz HSDS usluga ni HSDS stranica sa contents
invalid-not-an-hsds-table = nije HSDS tabela (datoteke imenika: { $files })
invalid-no-such-record = navodi { $table } { $id }, koji nije ni u datoteci ni u imeniku

## Potrebe koje usluga zadovoljava
need-employment = Zapošljavanje
need-vocational-training = Stručna obuka
need-business-support = Podrška biznisu i mikrograntovi (mali grantovi)
need-housing = Stanovanje
need-health = Zdravlje
need-mental-health = Mentalno zdravlje
need-education = Obrazovanje i školarine
need-social-assistance = Socijalna pomoć
need-legal-aid = Pravna pomoć
need-civil-documents = Matične knjige i dokumenta
need-counter-trafficking = Borba protiv trgovine ljudima
need-discrimination-complaints = Pritužbe na diskriminaciju
need-child-protection = Zaštita dece
need-interpretation = Usmeno prevođenje
need-migration-information = Informacije o migraciji
need-return-reintegration = Povratak i reintegracija

## Javni pretraživač usluga
finder-title = Pronađite uslugu
finder-lead = Usluge za povratnike, migrante i njihove porodice širom Kosova: tražite po potrebi, mestu, jeziku koji govorite ili onome što je sada otvoreno.
finder-search = Reči
finder-need = Potreba
finder-municipality = Opština
finder-language = Jezik koji se govori
finder-open-now = Otvoreno sada
finder-any = Bilo koja
finder-submit = Traži
finder-found = { $count ->
    [one] { $count } usluga
    [few] { $count } usluge
   *[other] { $count } usluga
}
finder-none = Nijedna usluga ne odgovara. Pokušajte sa manje filtera.
finder-open = Otvoreno sada
finder-temporarily-closed = Privremeno zatvoreno
finder-pages = Stranice rezultata
finder-previous = Prethodna
finder-next = Sledeća
finder-page = Stranica { $page } od { $pages }
finder-map = Usluge po opštinama
finder-map-lead = Izaberite opštinu na mapi da vidite njene usluge. Što je tamnije, to je više usluga.
finder-map-count = { $count ->
    [one] { $count } usluga
    [few] { $count } usluge
   *[other] { $count } usluga
}
finder-legend = Legenda
finder-legend-none = nijedna
finder-map-as-list = Mapa kao spisak
finder-services = Usluge
finder-back = Sve usluge
finder-address = Adresa
finder-no-address = Adresa nije navedena.
finder-transportation = Kako stići
finder-hours = Radno vreme
finder-no-hours = Radno vreme nije navedeno.
finder-hours-zone = Vreme je po kosovskom vremenu.
finder-documents = Šta poneti
finder-no-documents = Ništa nije navedeno.
finder-fees = Naknade
finder-eligibility = Ko može da koristi
finder-application = Kako se prijaviti
finder-languages = Jezici koji se govore
finder-no-languages = Nije navedeno.
finder-contact = Kontakt
finder-language-sq = Albanski
finder-language-sr = Srpski
finder-language-rom = Romski
finder-language-tr = Turski
finder-language-bs = Bosanski
finder-language-en = Engleski
finder-language-de = Nemački
finder-day-mo = Ponedeljak
finder-day-tu = Utorak
finder-day-we = Sreda
finder-day-th = Četvrtak
finder-day-fr = Petak
finder-day-sa = Subota
finder-day-su = Nedelja

## Upravljanje imenikom
admin-directory-title = Imenik usluga
admin-directory-lead = Koja je Drom agencija ovog servera svaka organizacija (upućivanja na njene usluge stižu do korisnika te agencije) i da li svaka usluga prima upućivanja.
admin-directory-empty = Imenik je prazan: uvezite HSDS datoteku sa drom directory import.
admin-directory-agency = Drom agencija
admin-directory-outside = Nijedna (spoljni pružalac)
admin-directory-save = Sačuvaj
admin-directory-status = Status
service-status-active = Aktivna
service-status-inactive = Neaktivna
service-status-defunct = Ugašena
service-status-temporarily-closed = Privremeno zatvorena
