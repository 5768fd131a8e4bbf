# Drom stranice na srpskom (latinica).
skip-to-content = Pređi na sadržaj
nav-label = Glavni meni
nav-home = Početna
nav-persons = Osobe
nav-households = Domaćinstva
nav-admin = Administracija
language = Jezik
language-change = Promeni
sign-in = Prijavi se
sign-out = Odjavi se
footer = Drom — povratak, reintegracija i lokalna integracija. Podatke čuva agencija koja ih je unela.
any = Sve
search = Traži
save = Sačuvaj
edit = Izmeni
actions = Radnje
not-recorded = Nije uneto
special-category = posebna kategorija

error-back = Nazad na početak
error-not-found-title = Nije pronađeno
error-not-found = Ova stranica ili zapis ne postoji, ili nije podeljen sa vašom agencijom.
error-forbidden-title = Nije dozvoljeno
error-forbidden = Vaša uloga to ne dozvoljava. Ako vam je potrebno, obratite se administratoru svoje agencije.
error-csrf-title = Obrazac je istekao
error-csrf = Radi vaše bezbednosti obrazac nije prihvaćen. Vratite se, ponovo učitajte stranicu i pošaljite ga ponovo.
error-bad-form-title = Obrazac nije moguće pročitati
error-bad-form = Nešto u obrascu je nedostajalo ili je bilo oštećeno. Vratite se i pokušajte ponovo.
error-unavailable-title = Pokušajte ponovo za trenutak
error-unavailable = Baza podataka nije odgovorila. Ništa nije promenjeno.
error-too-large-title = Datoteka je prevelika
error-too-large = Datoteka je veća nego što Drom ovde prihvata (256 MiB). Podeli spisak i otpremi svaki deo.
error-internal-title = Nešto nije u redu
error-internal = Došlo je do greške na serveru. Ništa nije promenjeno.

landing-title = Podrška ljudima koji se vraćaju kući
landing-lead = Drom pomaže agencijama koje savetuju, pomažu i štite ljude koji se vraćaju na Kosovo, kao i zajednicama koje ih primaju, da rade zajedno.
landing-return-title = Povratak kući
landing-return = Pre putovanja, savetnik vam objašnjava mogućnosti i situaciju u vašoj opštini: smeštaj, škole, zdravstvenu zaštitu i bezbednost. Odluka o povratku je vaša.
landing-services-title = Usluge u vašoj blizini
landing-services = Opštinske kancelarije za zajednice i povratak, centri za socijalni rad i organizacije pomažu oko dokumenata, smeštaja, upisa u školu, posla i zdravstvene zaštite.
landing-discrimination-title = Prijavite diskriminaciju
landing-discrimination = Ako se prema vama postupa nepravedno zbog toga ko ste, Ombudsman, opštinske jedinice za ljudska prava i organizacije civilnog društva mogu da pomognu. Možete prijaviti anonimno.
landing-privacy-title = Vaši podaci
landing-privacy = Vaše podatke čuva samo agencija kojoj ste ih dali, na osnovu na koji ste pristali, a saglasnost možete povući. Svaki pristup osetljivim podacima se beleži.
landing-staff = Prijava za osoblje

login-title = Prijava
login-username = Korisničko ime
login-password = Lozinka
login-failed = Pogrešno korisničko ime ili lozinka.
login-too-many = Previše neuspelih pokušaja. Pokušajte ponovo za { $minutes } minuta.

home-title = Početna
home-counts = Registar vaše agencije
home-persons = osoba
home-households = domaćinstava
home-changed = izmenjeno u poslednjih 7 dana
home-attention = Zahteva pažnju
home-without-household = osoba još bez domaćinstva
home-consent-withdrawn = zapisa sa povučenom saglasnošću: pregledajte ih

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
pager = Stranice
pager-prev = Prethodna stranica
pager-next = Sledeća stranica

field-name = Ime
field-given-name = Ime
field-family-name = Prezime
field-given-name-other = Ime na drugom pismu
field-family-name-other = Prezime na drugom pismu
field-date-of-birth = Datum rođenja
field-estimated = procenjeno
field-sex = Pol
field-community = Zajednica
field-languages = Jezici
field-municipality = Opština porekla
field-country = Sadašnja država
field-place = Sadašnje mesto
field-vulnerabilities = Ranjivosti
field-legal-basis = Osnov za čuvanje podataka
field-relation = Odnos prema nosiocu domaćinstva
field-age-min = Starost od
field-age-max = Starost do
field-document-kind = Dokument
field-document-number = Broj
field-document-country = Izdala država
field-consent-date = Datum saglasnosti
field-consent-scope = Saglasnost obuhvata
field-consent-language = Saglasnost objašnjena na
field-legal-reference = Zakon ili sporazum
field-change-reason = Razlog izmene

hint-other-script = Na primer Ђорђевић za Đorđević.
hint-date-of-birth = Godina (1984), godina i mesec (1984-05) ili pun datum (1984-05-07).
hint-community = Kako je osoba izjavi. Ostavite prazno ako osoba ne želi da kaže.
hint-languages = Kodovi jezika odvojeni zarezima, na primer sq, sr, rom.
hint-country-code = Dvoslovni kod države, na primer XK, DE.
hint-consent-scope = Na primer: upis, savetovanje i upućivanje.

form-has-errors = Neka polja treba ispraviti. Ništa nije sačuvano.
form-names = Imena
form-person = Osoba
form-origin = Poreklo i boravište
form-documents = Lični dokumenti
form-contacts = Kontakti
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
history-version = Verzija
history-when = Kada
history-change = Izmena
audit-action = Radnja
audit-user = Korisnik
audit-reason = Razlog

households-title = Domaćinstva
households-search = Ime člana
households-found = { $count ->
    [one] { $count } domaćinstvo
    [few] { $count } domaćinstva
   *[other] { $count } domaćinstava
}
household = Domaćinstvo
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

admin-users-title = Korisnici
admin-agencies-title = Agencije
admin-reference-title = Referentni podaci
admin-user-add = Dodaj korisnika
admin-grant-special = Sme da vidi i unosi posebne kategorije (zajednica, zdravlje, trgovina ljudima, maloletnici)
admin-agency-add = Dodaj agenciju
admin-code = Kod
admin-kind = Vrsta
admin-municipalities = Opštine
admin-municipalities-note = Politika zaštite određuje ko živi „tamo gde čine manjinu" prema većinskoj zajednici ispod. Izvori se razlikuju za neke opštine: ispravite ih ovde.
admin-district = Okrug
admin-majority = Većinska zajednica
admin-contested = sporno
admin-communities = Zajednice
admin-community-add = Dodaj zajednicu
agency = Agencija
role = Uloga

sex-female = žensko
sex-male = muško
sex-other = drugo
sex-unknown = nepoznato
relation-head = nosilac domaćinstva
relation-spouse = supružnik
relation-child = dete
relation-parent = roditelj
relation-sibling = brat ili sestra
relation-grandparent = baba ili deda
relation-grandchild = unuk ili unuka
relation-caregiver = staratelj
relation-other = drugo
document-passport = Pasoš
document-id-card = Lična karta
document-birth-certificate = Izvod iz matične knjige rođenih
document-travel-document = Putna isprava
document-residence-permit = Dozvola boravka
document-other = Drugi dokument
basis-consent = Saglasnost osobe
basis-legal-obligation = Zakonska obaveza
role-administrator = administrator
role-caseworker = službenik za slučajeve
role-protection-officer = službenik za zaštitu
role-viewer = posmatrač
change-create = upisano
change-update = izmenjeno
change-consent-withdrawn = saglasnost povučena
change-import = uvezeno
vulnerability-severe-illness-untreatable = teška bolest čije lečenje nije dostupno u mestu porekla
vulnerability-severe-mental-illness = teška mentalna bolest, uključujući PTSP
vulnerability-severe-disability = teški invaliditet
vulnerability-caregiver-of-severely-disabled = staratelj osobe sa teškim invaliditetom
vulnerability-elderly-without-support = starija osoba bez porodične ili druge podrške
vulnerability-unaccompanied-minor = maloletnik bez pratnje
vulnerability-single-parent-with-children = samohrani roditelj sa decom
vulnerability-victim-of-trafficking = žrtva trgovine ljudima
vulnerability-chronic-illness = hronična bolest
vulnerability-disability = invaliditet
vulnerability-serious-protection-risk = ozbiljan rizik po bezbednost, uključujući fizičku opasnost
vulnerability-mixed-marriage = u etnički mešovitom braku
vulnerability-mixed-ethnicity = mešovitog etničkog porekla
vulnerability-perceived-regime-association = smatra se povezanim sa bivšim režimom

screening-section = Provera zaštite
screening-title = Provera { $id }
screening-policy = Politika
screening-as-of = Politika na snazi na dan
screening-return-type = Povratak
screening-consent = Informisana saglasnost (za dobrovoljni povratak)
screening-run = Proveri domaćinstvo
screening-back = Nazad na osobu
return-forced = prinudni povratak
return-voluntary = dobrovoljni povratak
tri-yes = da
tri-no = ne
tri-unknown = nepoznato
outcome-protected = zaštićen: ne sme biti prinudno vraćen
outcome-needs-assessment = potrebna procena
outcome-no-bar-found = nije nađena prepreka

# Povratak i reintegracija.
nav-returns = Povratak
nav-reports = Izveštaji
field-municipality-short = Opština
form-error-required = je obavezno
form-error-date = '{ $value }' nije datum: koristite kalendar ili upišite GGGG-MM-DD
form-error-amount = '{ $value }' nije iznos u evrima kao 1500 ili 1500.50 (najviše dve decimale)
form-error-number = '{ $value }' nije ceo broj
form-error-choice = '{ $value }' nije jedan od ponuđenih izbora
home-open-cases = { $count ->
    [one] otvoren slučaj povratka
    [few] otvorena slučaja povratka
   *[other] otvorenih slučajeva povratka
}
home-visits-due = { $count ->
    [one] zakasnela poseta praćenja
    [few] zakasnele posete praćenja
   *[other] zakasnelih poseta praćenja
}
home-visit-due-on = poseta posle { $months } meseci, rok
person-return-cases = Slučajevi povratka
person-no-return-case = Nema slučaja povratka.
person-open-return-case = Otvori slučaj povratka

rc-list-title = Slučajevi povratka
rc-title = Slučaj { $id }
rc-found = { $count ->
    [one] { $count } slučaj
    [few] { $count } slučaja
   *[other] { $count } slučajeva
}
rc-filter = Filtriraj
rc-open-hint = Da biste otvorili slučaj, pronađite osobu i izaberite „Otvori slučaj povratka“ na njenoj stranici.
rc-case = Slučaj
rc-returnee = Povratnik
rc-return-type = Povratak
rc-stage = Faza
rc-host-country = Zemlja domaćin
rc-destination = Opština odredišta
rc-individuals = Osobe
rc-programme = Program
rc-programme-hint = Mogu se izabrati samo programi koji obuhvataju povratak iz zemlje domaćina.
rc-no-programme = Bez programa
rc-not-known-yet = Još nije poznato
rc-choose = Izaberite
rc-new-title = Otvori slučaj povratka
rc-open = Otvori slučaj
rc-whole-household = { $count ->
    [one] Celo domaćinstvo ({ $count } osoba)
    [few] Celo domaćinstvo ({ $count } osobe)
   *[other] Celo domaćinstvo ({ $count } osoba)
}
rc-whole-household-hint = Uklonite oznaku da biste otvorili slučaj samo za ovu osobu.
rc-no-household = Osoba nije u domaćinstvu: slučaj je samo za nju.
rc-registered-on = Upisano
rc-members = Povratnici
rc-age-at-return = Starost pri povratku
rc-lifecycle = Tok slučaja
rc-stage-done = završeno
rc-stage-current = trenutna faza
rc-stage-skipped = preskočeno
rc-stage-todo = još nije
rc-next-steps = Šta se sada može zabeležiti
rc-final = Slučaj je okončan: ništa više ne može da se zabeleži.
rc-refused = „{ $step }“ trenutno ne može da se zabeleži
rc-nothing-saved = Ništa nije sačuvano.
rc-refused-stage = Slučaj je u fazi „{ $stage }“.
rc-changed-meanwhile = Neko drugi je u međuvremenu izmenio ovaj slučaj. Pogledajte ga ponovo i ponovite unos ako je i dalje potreban.
rc-form-has-errors = „{ $form }“ treba ispraviti: ništa nije sačuvano.
rc-nothing-yet = Još ništa nije zabeleženo.
rc-none = nema

rc-section-counselling = Savetovanje
rc-section-consent = Informisana saglasnost
rc-section-forced-order = Nalog za prinudni povratak
rc-section-travel = Putovanje
rc-section-arrival = Dolazak
rc-section-assessment = Individualna procena
rc-section-plan = Plan reintegracije
rc-section-ledger = Isplaćena i odobrena pomoć
rc-section-monitoring = Praćenje i održivost
rc-section-closure = Zatvaranje

rc-form-counselling = Zabeleži savetovanje
rc-form-consent = Zabeleži informisanu saglasnost
rc-form-withdrawal = Zabeleži povlačenje saglasnosti
rc-form-forced-order = Zabeleži nalog za prinudni povratak
rc-form-travel = Organizuj putovanje
rc-form-arrival = Potvrdi dolazak
rc-form-assessment = Zabeleži individualnu procenu
rc-form-plan-item = Dodaj stavku u plan
rc-form-disbursement = Zabeleži isplatu
rc-form-visit = Zabeleži posetu praćenja
rc-form-closure = Zatvori slučaj
rc-submit-counselling = Sačuvaj savetovanje
rc-submit-consent = Zabeleži saglasnost
rc-submit-withdrawal = Zabeleži povlačenje
rc-submit-forced-order = Zabeleži nalog
rc-submit-travel = Sačuvaj podatke o putovanju
rc-submit-arrival = Potvrdi dolazak
rc-submit-assessment = Sačuvaj procenu
rc-submit-plan-item = Dodaj i odobri iznos
rc-submit-disbursement = Zabeleži isplatu
rc-submit-visit = Sačuvaj posetu
rc-submit-closure = Zatvori slučaj

rc-held-on = Datum savetovanja
rc-language = Jezik savetovanja
rc-interpreter = Prevodilac, ako ga je bilo
rc-info-municipality = Informativni list opštine
rc-info-municipality-hint = Opština u koju bi se osoba vratila. Uz savetovanje se beleži verzija njenog lista koja je danas u upotrebi.
rc-topics = Obrađene teme iz lista
rc-sheet-used = Korišćeni informativni list
rc-notes = Beleške
rc-consent-intro = Zabeležite saglasnost samo ako je osoba odlučila slobodno, bez prinude i znajući kakva je situacija u opštini u koju se vraća.
rc-given-on = Datum davanja saglasnosti
rc-free = Osoba je odlučila slobodno
rc-without-coercion = Bez prinude ili pritiska
rc-informed = Uz potpuno poznavanje situacije u mestu povratka (savetovana uz informativni list)
rc-statement = Izjava osobe, njenim rečima
rc-consent-affirmed = Potvrđeno
rc-consent-withdrawn = Saglasnost je povučena { $date }
rc-withdrawal-intro = Povlačenje saglasnosti pre dolaska trajno zaustavlja povratak.
rc-withdrawn-on = Datum povlačenja
rc-forced-order-intro = Uz nalog se prilaže poslednja provera zaštite osobe, sa njenim ishodom.
rc-ordered-on = Datum naloga
rc-order-reference = Broj naloga ili zahteva za readmisiju
rc-no-screening = Nije pronađena nijedna provera zaštite za ovu osobu.
rc-transport = Prevoz
rc-route = Putanja
rc-route-hint = Na primer Beč VIE – Priština PRN.
rc-departure-on = Datum polaska
rc-special-needs = Posebne potrebe u prevozu
rc-airport-assistance = Pomoć na aerodromu
rc-arrived-on = Datum dolaska
rc-arrival-note = Beleška o dolasku
rc-assessment-intro = Nova procena zamenjuje prethodnu.
rc-skills = Veštine
rc-education = Obrazovanje
rc-work-experience = Radno iskustvo
rc-housing = Stanovanje
rc-children-schooling = Školovanje dece
rc-health-needs = Zdravstvene potrebe
rc-plan-item-intro = Iznos se odobrava u okviru gornje granice opcije za ovaj slučaj i budžeta programa.
rc-plan-needs-programme = Slučaj nema program: plan reintegracije se oslanja na pomoć iz nekog programa.
rc-plan-needs-assessment = Zabeležite individualnu procenu pre dodavanja stavki u plan.
rc-option = Opcija pomoći
rc-assistance-kind = Vrsta pomoći
rc-description = Opis
rc-beneficiaries = Korisnici
rc-direct-count = neposrednih: { $count }
rc-indirect-count = posrednih: { $count }
rc-amount = Iznos u evrima
rc-amount-hint = Na primer 1500 ili 1500.50.
rc-amount-eur = Iznos
rc-committed = Odobreno
rc-disbursed = Isplaćeno
rc-committed-on = Datum odobrenja
rc-direct = Neposredni korisnici
rc-direct-hint = Ostavite prazno da se računaju povratnici iz slučaja.
rc-indirect = Posredni korisnici
rc-indirect-hint = Na primer članovi porodice ili zaposleni u preduzeću koje plan podržava.
rc-plan-item = Stavka plana
rc-paid-on = Datum isplate
rc-entry-on = Datum
rc-entry-kind = Unos
rc-schedule = Predviđene posete
rc-months-after = Meseci posle dolaska
rc-due-on = Rok
rc-visit-state = Status
rc-visit-done = obavljena
rc-visit-overdue = zakasnela
rc-visit-upcoming = predstoji
rc-visits = Posete
rc-no-visits = Još nije zabeležena nijedna poseta.
rc-visit-intro = Odgovorite na svako pitanje onako kako je postavljeno tokom posete; pitanje koje nije postavljeno ostavite prazno. Pitanja i bodovi slede konfiguraciju održivosti { $config }.
rc-visited-on = Datum posete
rc-remigration = Gde je povratnik sada
rc-not-asked = nije pitano
rc-composite = Ukupno
rc-level = Nivo
rc-closure-intro = Slučaj se zatvara posle praćenja, ili pre polaska kada do povratka neće doći.
rc-closed-on = Datum zatvaranja
rc-close-reason = Razlog zatvaranja
rc-not-closed = Slučaj je otvoren.

stage-registered = upisan
stage-counselled = savetovan
stage-consent-recorded = saglasnost zabeležena
stage-forced-return-ordered = naložen prinudni povratak
stage-travel-arranged = putovanje organizovano
stage-arrived = stigao
stage-reintegration-planned = reintegracija planirana
stage-assistance-delivered = pomoć pružena
stage-monitored = praćen
stage-closed = zatvoren
stage-stopped = zaustavljen
step-counsel = savetovanje
step-record-consent = informisana saglasnost
step-order-forced-return = nalog za prinudni povratak
step-arrange-travel = putovanje
step-confirm-arrival = dolazak
step-plan-reintegration = plan reintegracije
step-disburse = isplata
step-record-visit = poseta praćenja
step-close = zatvaranje
step-withdraw-consent = povlačenje saglasnosti
transport-air = avionom
transport-land = kopnom
need-wheelchair = invalidska kolica
need-stretcher = nosila
need-medical-escort = medicinska pratnja
need-unaccompanied-minor-escort = pratnja za maloletnika bez pratnje
assistance-financial-grant = novčana pomoć
assistance-vocational-training = stručna obuka
assistance-business-setup = pokretanje posla
assistance-micro-grant = mikrogrant
assistance-toolkit = komplet alata
assistance-education-support = podrška obrazovanju
assistance-school-fees = školarina
assistance-housing = stanovanje
assistance-housing-equipment = opremanje stana
assistance-medical-support = medicinska podrška
assistance-social-care = socijalna zaštita
assistance-on-the-job-training = obuka na radnom mestu
assistance-salary-subsidy = subvencija zarade
assistance-job-referral = upućivanje na posao
remigration-stayed = ostao u odredištu
remigration-moved-within-country = preselio se unutar zemlje
remigration-left-again = ponovo napustio zemlju
remigration-unknown = nepoznato
topic-services = Usluge
topic-housing = Stanovanje
topic-schools = Škole
topic-health-care = Zdravstvena zaštita
topic-safety = Bezbednost
ledger-commitment = odobrenje
ledger-disbursement = isplata
ceiling-per-person = po osobi
ceiling-per-household = po domaćinstvu
dimension-economic = Ekonomska
dimension-social = Socijalna
dimension-psychosocial = Psihosocijalna
level-sustainable = održiv
level-partial = delimično održiv
level-low = nizak

programmes-title = Programi
programmes-lead = Programi finansiraju pomoć za povratak i reintegraciju, svaki za određene zemlje domaćine i ciljne grupe, u okviru budžeta.
programmes-none = Još nema programa.
programme-new-title = Dodaj program
programme-new-intro = Popunite onoliko opcija pomoći koliko program nudi; prazni redovi se izostavljaju.
programme-create = Dodaj program
programme-about = Program
programme-code-hint = Od 2 do 20 slova, cifara, „-“ ili „_“, na primer VARRP.
programme-donor = Donator
programme-host-countries = Obuhvaćene zemlje domaćini
programme-host-countries-hint = Dvoslovni kodovi zemalja odvojeni razmakom, na primer DE AT CH. Ostavite prazno za bilo koju zemlju.
programme-any-country = bilo koja zemlja domaćin
programme-target-groups = Ciljne grupe
programme-target-groups-hint = Jedna grupa po redu.
programme-budget = Budžet
programme-budget-eur = Budžet u evrima
programme-committed = Odobreno
programme-disbursed = Isplaćeno
programme-remaining = Preostalo za odobravanje
programme-budget-chart = Budžet, odobrenja i isplate u evrima
programme-budget-note = Preostalo je budžet umanjen za ono što je odobreno.
programme-period = Period
programme-starts-on = Počinje
programme-ends-on = Završava se
programme-open-ended = bez roka završetka
programme-options = Opcije pomoći
programme-option-n = Opcija pomoći { $n }
programme-ceiling = Gornja granica u evrima
programme-ceiling-basis = Gornja granica se računa
programme-cases = Slučajevi ovog programa

sheets-title = Informativni listovi
sheets-lead = Šta savetnici govore osobi o opštini u koju bi se vratila: usluge, stanovanje, škole, zdravstvena zaštita i bezbednost. Svako savetovanje beleži verziju koju je koristilo.
sheets-missing = { $count ->
    [one] { $count } opština još nema informativni list.
    [few] { $count } opštine još nemaju informativni list.
   *[other] { $count } opština još nema informativni list.
}
sheet-current = Važeći list
sheet-none = još nema lista
sheet-none-yet = Ova opština još nema informativni list.
sheet-title = Informativni list: { $municipality }
sheet-version = verzija { $version }
sheet-of = od { $date }
sheet-checked-on = podaci provereni { $date }
sheet-older = Ovo je starija verzija; važeća je verzija { $version }.
sheet-see-current = Pogledaj važeću verziju
sheet-write = Napiši novu verziju
sheet-write-intro = Nova verzija od sada zamenjuje važeću u savetovanju; ranije verzije se čuvaju.
sheet-save = Sačuvaj novu verziju
sheet-updated-on = Podaci provereni
sheet-updated-on-hint = Dan kada su podaci provereni. Danas, ako ostane prazno.
sheet-hint-services = Opštinska kancelarija za zajednice i povratak, centar za socijalni rad, matična služba.
sheet-hint-housing = Smeštaj dostupan povratnicima, obnova, zakup.
sheet-hint-schools = Upis, jezici nastave, dopunska nastava.
sheet-hint-health-care = Domovi zdravlja, prijava, lekovi.
sheet-hint-safety = Bezbednosna situacija i incidenti, kome se obratiti.

report-title = Povratak u periodu
report-lead = Osobe i slučajevi koji su stigli između dva datuma, i pomoć zabeležena u tom periodu. Samo brojevi: nijedna osoba ne može da se prepozna.
report-from = Od
report-to = Do
report-show = Prikaži
report-download = Preuzmi
report-totals = Ukupno
report-returnees = { $count ->
    [one] vraćena osoba
    [few] vraćene osobe
   *[other] vraćenih osoba
}
report-cases = { $count ->
    [one] slučaj
    [few] slučaja
   *[other] slučajeva
}
report-paid = isplaćeno
report-committed = odobreno
report-empty = U ovom periodu nije stigao nijedan povratnik.
report-no-rows = Nema šta da se prikaže.
report-persons = Osobe
report-age-group = Starosna grupa
report-cases-col = Slučajevi
report-unknown = nepoznato
report-by-host-country = Po zemlji domaćinu
report-by-transport = Po prevozu
report-by-return-type = Po vrsti povratka
report-by-district = Po okrugu odredišta
report-by-municipality = Po opštini odredišta
report-by-programme = Po programu
report-by-sex = Po polu
report-by-age-group = Po starosnoj grupi pri povratku
report-by-community = Po zajednici
report-chart-persons = Vraćene osobe: { $breakdown }
report-assistance = Pomoć po vrsti
report-assistance-chart = Pomoć isplaćena u periodu, u evrima
report-no-assistance = U ovom periodu nije odobrena ni isplaćena nikakva pomoć.
report-payments = Isplate
report-paid-col = Isplaćeno
report-committed-col = Odobreno
report-beneficiaries = Korisnici pomoći isplaćene u periodu
report-direct = Neposredni korisnici
report-indirect = Posredni korisnici
report-beneficiaries-note = Računaju se jednom za svaku stavku plana sa isplatom u periodu.
report-community-withheld = Podela po zajednici zahteva dozvolu za posebne kategorije.
report-months = { $months } meseci posle dolaska

sust-title = Održivost povratka
sust-lead = Da li povratak traje? Ova stranica poredi prinudni i dobrovoljni povratak na svakoj tački praćenja.
sust-explain = Za svaki slučaj koji je stigao dovoljno davno, broji ko je još bio u zemlji pri poseti za tu tačku (ili kasnije), ko je ponovo otišao i za koga je status nepoznat, i računa prosek bodova održivosti tih poseta. To je dokaz o tome da li povratak traje.
sust-arrived-from = Stigli od
sust-arrived-to = Stigli do
sust-config = Konfiguracija bodovanja
sust-source = Pristup
sust-as-of = Na dan
sust-chart = Udeo onih koji su još u zemlji, po tački praćenja i vrsti povratka
sust-chart-note = Udeo slučajeva čiji je status poznat.
sust-due = Slučajevi u roku
sust-in-place = Još na mestu
sust-left = Ponovo otišli
sust-unknown = Nepoznato
sust-share = Udeo na mestu
sust-scores-note = Bodovi idu od 0.00 (najlošije) do 1.00 (najbolje), za ekonomsku, socijalnu i psihosocijalnu dimenziju i ukupno.
