# The registry: persons and households.

persons-title = Osobe
person-new = Upiši osobu
person-new-title = Upiši osobu
person-edit-title = Izmena: { $name }
person-conflict = Neko drugi je izmenio ovaj zapis dok ste ga uređivali. Ponovo ga učitajte i ponovite izmenu.
search-label = Ime
search-placeholder = latinicom ili ćirilicom, sa ili bez dijakritika
persons-found = { $count ->
    [one] Pronađena je { $count } osoba
    [few] Pronađene su { $count } osobe
   *[other] Pronađeno je { $count } osoba
}
persons-found-more = Pronađeno je više od { $count } osoba: suzite pretragu
contact-phone = Telefon
contact-email = E-pošta
contact-address = Adresa
contact-other = Drugi kontakt
person-consent-withdrawn = Saglasnost je povučena
person-withheld = Neki podaci posebne kategorije nisu prikazani: vaš nalog nema tu dozvolu.
person-household = Domaćinstvo
person-no-household = Nije u domaćinstvu.
person-withdraw-title = Povlačenje saglasnosti
person-withdraw-reason = Razlog, rečima same osobe kad je moguće
person-withdraw = Zabeleži povlačenje
person-history = Istorija
person-audit = Revizioni trag
households-title = Domaćinstva
households-search = Ime člana
households-found = { $count ->
    [one] { $count } domaćinstvo
    [few] { $count } domaćinstva
   *[other] { $count } domaćinstava
}
household-title = Domaćinstvo { $id }
household-default-label = Porodica { $name }
household-members = Članovi
household-remove = Ukloni
household-add = Dodaj člana
household-register-new = Upiši novu osobu u ovo domaćinstvo
household-find-existing = Pronađi upisanu osobu
household-no-candidates = Nijedna upisana osoba bez domaćinstva ne odgovara.
household-add-member = Dodaj
household-create-with-head = Napravi domaćinstvo sa ovom osobom kao nosiocem
household-error-invalid = Izmena je odbijena: proverite članove i njihove odnose.
household-error-conflict = Neko drugi je u međuvremenu izmenio ovo domaćinstvo. Pogledajte ponovo i ponovite izmenu.
document-passport = Pasoš
document-id-card = Lična karta
document-birth-certificate = Izvod iz matične knjige rođenih
document-travel-document = Putna isprava
document-residence-permit = Dozvola boravka
document-other = Drugi dokument
change-create = upisano
change-update = izmenjeno
change-consent-withdrawn = saglasnost povučena
change-import = uvezeno
person-return-cases = Slučajevi povratka
person-no-return-case = Nema slučaja povratka.
person-open-return-case = Otvori slučaj povratka

## Zašto je vrednost odbijena i zašto je izmena u sukobu
invalid-no-members = domaćinstvu je potreban bar jedan član
invalid-too-many-members = ima više od { $max } članova
invalid-one-head = potreban je tačno jedan član sa odnosom 'nosilac domaćinstva' (nađeno: { $found })
invalid-listed-twice = osoba { $person } je navedena dva puta
invalid-not-email = nije adresa e-pošte
invalid-too-many-entries = ima više od { $max } stavki
invalid-needed-for-consent = obavezno je kada je osnov pristanak
invalid-needed-for-obligation = obavezno je kada je osnov zakonska obaveza
invalid-not-on-consent = ovaj zapis se ne vodi na osnovu pristanka
invalid-age-order = manje je od najmanje starosti
invalid-in-other-household = osoba { $person } je već član domaćinstva { $household }
refusal-consent-withdrawn-already = pristanak za osobu { $id } je već povučen

person-withdraw-effect = Kada se pristanak povuče, za ovu osobu se ne može otvoriti nov predmet dobrovoljnog povratka niti provera za dobrovoljni povratak dok se u zapisu osobe ne zabeleži nov pristanak (pravni osnov: pristanak, sa datumom posle povlačenja).
person-withdraw-confirm = Osoba je povukla pristanak i objasnio/la sam joj šta to znači
person-withdraw-confirm-needed = Ništa nije zabeleženo: označite potvrdu da biste zabeležili povlačenje.
person-withdraw-reason-needed = Ništa nije zabeleženo: navedite razlog (najviše 500 znakova).
person-consent-again-title = Ponovo evidentiraj pristanak
person-consent-again-effect = Osoba je ponovo dala pristanak: on postaje pravni osnov njene evidencije i rad na dobrovoljnom povratku može ponovo da počne.
person-consent-again = Evidentiraj novi pristanak
change-consent-recorded = pristanak ponovo evidentiran
refusal-consent-not-withdrawn = Pristanak osobe { $id } nije povučen: promenite pravni osnov u obrascu osobe.
invalid-consent-before-withdrawal = { $day } je pre povlačenja pristanka { $withdrawn }
