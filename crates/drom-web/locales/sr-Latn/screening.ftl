# Provera zaštite i zaštitna kapija prinudnih povrataka.

gate-open-title = Zaštitna kapija: otvorena
gate-closed-title = Zaštitna kapija: zatvorena
gate-policy = Politika na snazi na dan naloga: { $policy }
gate-open-text = Svaki povratnik je proveren po ovoj politici i nijedno pravilo ne zabranjuje povratak. Prinudni povratak može da se nastavi.
gate-closed-text = Ovaj prinudni povratak ne može da ide dalje od naloga.
gate-what-remains = Šta sada može da se uradi:
gate-rescreen = Ponovo proveri domaćinstvo
gate-convert = Pretvori u dobrovoljni povratak (slede savetovanje i informisani pristanak)
gate-close = Zatvori slučaj
gate-refused = Zaštitna kapija je zatvorena: razlozi su na vrhu stranice.
gate-no-policy = Nijedna politika zaštite nije na snazi { $date }.
gate-not-screened = Domaćinstvo nije provereno za prinudni povratak.
gate-other-policy = Domaćinstvo je provereno po { $screened }, ali je na dan naloga na snazi { $policy }: proveri ga ponovo.
gate-stale = Provera od { $date } starija je od { $days } dana: ponovo proveri domaćinstvo.
gate-policy-changed = Po politici kakva je sada, { $person } je "{ $now }", a provera je glasila "{ $stored }": ponovo proveri domaćinstvo.
gate-not-in-screening = { $person } nije bio u proveri (domaćinstvo se promenilo): ponovo proveri domaćinstvo.
gate-protected = { $person } ne može biti prinudno vraćen: { $rules }.
gate-needs-assessment = { $person } zahteva procenu. Još nepoznato: { $facts }
gate-overridden = Zaštitna kapija je zaobiđena za ovaj slučaj.
gate-override-pending = Zaobilaženje zaštitne kapije čeka potvrdu druge osobe.
gate-override-asked = Zatražio { $user }, { $date }.
gate-override-confirmed = Potvrdio { $user }, { $date }.
gate-override-intro = Samo kada povratak mora da se nastavi iako provera to ne dozvoljava: objasni zašto. Druga osoba sa istom dozvolom mora da potvrdi, a slučaj trajno zadržava oznaku.
gate-override-reason = Razlog zaobilaženja
gate-override-request = Zatraži zaobilaženje
gate-override-confirm = Potvrdi zaobilaženje
gate-notice-reason-needed = Objasni zaobilaženje sa najmanje 20 znakova.
gate-notice-not-possible = Zaobilaženje sada ne može da se zatraži ili potvrdi: ponovo učitaj slučaj.
gate-notice-second-person = Zaobilaženje mora da potvrdi druga osoba: sam si ga zatražio.

rc-form-conversion = Pretvori u dobrovoljni povratak
rc-submit-conversion = Pretvori u dobrovoljni povratak
rc-conversion-intro = Nalog ostaje zabeležen. Dobrovoljni povratak zahteva savetovanje i informisani pristanak osobe pre svakog putovanja.
rc-converted-on = Datum pretvaranja
rc-conversion-reason = Zašto je povratak sada dobrovoljan
step-convert-to-voluntary = pretvaranje u dobrovoljni povratak

fact-q-community = Kojoj zajednici osoba pripada?
fact-q-municipality-of-origin = Iz koje opštine osoba potiče?
fact-q-majority-community-of-origin = Koja je zajednica većinska u opštini porekla?
fact-q-return-type = Da li je povratak prinudan ili dobrovoljan?
fact-q-caregiver-for-facts = Koje su činjenice o osobi o kojoj se brine?
fact-q-informed-consent = Da li je osoba dala slobodan i informisan pristanak na povratak?
fact-q-mixed-marriage = Da li je osoba u etnički mešovitom braku?
fact-q-mixed-ethnicity = Da li je osoba mešovitog etničkog porekla?
fact-q-perceived-regime-association = Da li se osoba smatra povezanom sa srpskim režimom?
fact-q-serious-protection-risk = Da li se osoba suočava sa ozbiljnim problemima zaštite, uključujući fizičku opasnost?
fact-q-severe-illness-untreatable = Da li je osoba teško bolesna, sa potrebom za lečenjem koje nije dostupno na Kosovu?
fact-q-severe-mental-illness-untreatable = Da li osoba ima tešku, hroničnu mentalnu bolest (uključujući PTSP) čije lečenje nije ili je retko dostupno na Kosovu?
fact-q-severe-disability = Da li je osoba sa teškim invaliditetom, zavisna od podrške koja nije dostupna na Kosovu?
fact-q-elderly-without-support = Da li je osoba starija i bez pratnje, bez rodbine ili druge podrške?
fact-q-trafficking-victim = Da li je osoba žrtva trgovine ljudima?
fact-q-best-interests-determination = Da li je utvrđivanje najboljeg interesa pokazalo da dete može biti odvojeno od porodice?

rule-unmik-2004-serb-rae = Kosovski Srbi, Romi, Aškalije i Egipćani ne vraćaju se prinudno
rule-unmik-2004-minority-in-origin = kosovski Albanci i Bošnjaci iz opštine u kojoj je njihova zajednica manjina
rule-unmik-2004-serious-protection-problem = suočava se sa ozbiljnim problemima zaštite, uključujući fizičku opasnost
rule-unmik-2004-mixed-marriage = kosovski Albanac u etnički mešovitom braku
rule-unmik-2004-mixed-ethnicity = osoba mešovitog etničkog porekla
rule-unmik-2004-perceived-regime-association = kosovski Albanac, Goranac ili Bošnjak koji se smatra povezanim sa srpskim režimom
rule-unmik-2004-severe-illness = teška bolest čije lečenje nije dostupno na Kosovu
rule-unmik-2004-severe-mental-illness = teška i hronična mentalna bolest (uključujući PTSP) čije lečenje nije ili je retko dostupno na Kosovu
rule-unmik-2004-severe-disability = težak invaliditet koji zahteva sistem podrške nedostupan na Kosovu
rule-unmik-2004-caregiver-of-severely-disabled = staratelj osobe sa teškim invaliditetom
rule-unmik-2004-elderly-without-support = starija osoba bez pratnje, bez rodbine ili druge društvene podrške na Kosovu
rule-unmik-2004-family-unity = porodice se ne razdvajaju
rule-unmik-2004-voluntary-return = dobrovoljni povratak zahteva slobodnu i informisanu odluku
rule-unhcr-2006-serb-roma = kosovski Srbi i Romi i dalje se smatraju ugroženima
rule-unhcr-2006-albanian-minority-situation = kosovski Albanac u manjinskom položaju u opštini porekla
rule-unhcr-2006-mixed-marriage = osoba u etnički mešovitom braku
rule-unhcr-2006-mixed-ethnicity = osoba mešovitog etničkog porekla
rule-unhcr-2006-perceived-association = smatra se povezanim sa srpskim vlastima posle 1990.
rule-unhcr-2006-trafficking-victim = žrtva trgovine ljudima
rule-unhcr-2006-serious-protection-problem = suočava se sa ozbiljnim problemima zaštite, uključujući fizičku opasnost (preneto)
rule-unhcr-2006-severe-illness = teška bolest čije lečenje nije dostupno na Kosovu (preneto)
rule-unhcr-2006-severe-mental-illness = teška i hronična mentalna bolest (uključujući PTSP) čije lečenje nije ili je retko dostupno (preneto)
rule-unhcr-2006-severe-disability = težak invaliditet koji zahteva sistem podrške nedostupan na Kosovu (preneto)
rule-unhcr-2006-caregiver-of-severely-disabled = staratelj osobe sa teškim invaliditetom (preneto)
rule-unhcr-2006-elderly-without-support = starija osoba bez pratnje, bez rodbine ili druge društvene podrške (preneto)
rule-unhcr-2006-family-unity = porodice se ne razdvajaju (preneto)
rule-unhcr-2006-voluntary-return = dobrovoljni povratak zahteva slobodnu i informisanu odluku (preneto)

screening-back-to-case = Nazad na slučaj povratka { $id }
screening-source = Izvorni dokument
screening-print = Odluka za štampu
screening-household = Domaćinstvo
screening-household-protected = Najmanje jedan član ne može biti prinudno vraćen po ovoj politici. Razlozi za svakog člana su ispod.
screening-household-needs-assessment = Odluka nije potpuna: neke činjenice koje politika zahteva još su nepoznate. Odgovori ispod i domaćinstvo se ponovo proverava.
screening-household-no-bar-found = Nijedno pravilo politike ne zabranjuje povratak nijednog člana, na osnovu činjenica koje su sve poznate.
screening-family-unity = porodice se ne razdvajaju: { $person } ne može biti prinudno vraćen
screening-cites = Citirano iz: { $document }
screening-paraphrases = Parafraza, ne reči iz: { $document }
screening-still-unknown = Još nepoznato:
screening-basis = Odgovor se zasniva na
screening-edit-record = ispravi podatke osobe
screening-answers = Zabeleženi odgovori
screening-answered-by = { $user }, { $date } ({ $basis })
screening-answer-submit = Sačuvaj odgovore i ponovo proveri domaćinstvo
answer-yes = da
answer-no = ne
answer-unknown = nepoznato
basis-interview = razgovor
basis-document = dokument
basis-medical-report = medicinski izveštaj
basis-social-report = socijalni izveštaj
basis-other = drugo

decision-title = Odluka o proveri { $id }
decision-heading = Provera zaštite: odluka
decision-back = Nazad na proveru
decision-print = Štampaj
decision-reference = Referenca
decision-outcome = Odluka
decision-why = Zašto
decision-missing = Nedostaje pre donošenja odluke:
decision-signed = Potpisao { $officer }, službenik za zaštitu, { $date }.
decision-signature = Potpis

nav-screening = Provera
desk-title = Provera zaštite
desk-rescreen-link = Ponovna provera posle promene politike
desk-back = Nazad na proveru zaštite
desk-held = Prinudni povratci zadržani na zaštitnoj kapiji
desk-held-none = Nijedan prinudni povratak nije zadržan na kapiji.
desk-held-why = Zašto
desk-held-more = Još { $count } je zadržano; otvori spisak povrataka da ih vidiš sve.
desk-upload = Proveri spisak za readmisiju
desk-upload-intro = Otpremi spisak države domaćina kao CSV (kolone komande drom screen). Proverava se po politici na snazi, a odluke se čuvaju za tvoju agenciju dok ih ne obrišeš.
desk-upload-file = Spisak (CSV)
desk-upload-as-of-hint = Odlučuje politika na snazi na ovaj dan; prazno znači danas.
desk-upload-submit = Otpremi i proveri
desk-upload-refused = Spisak nije prihvaćen: { $reason }. Ništa nije sačuvano.
desk-lists = Provereni spiskovi
desk-lists-none = Još nijedan spisak nije proveren.
desk-list-file = Datoteka
desk-list-rows = Redovi
desk-list-uploaded = Otpremio
desk-needs-special = Spiskovi za readmisiju sadrže posebne kategorije (zajednica, zdravlje): njihova provera zahteva dozvolu za posebne kategorije.
list-title = Spisak { $name }
list-progress = Čuvaju se odluke: { $done } od { $total } redova.
list-failed = Odluke ovog spiska nisu mogle da se sačuvaju. Obriši ga i otpremi ponovo
list-all-rows = Svi redovi
list-households = { $count } domaćinstava
list-household = Domaćinstvo
list-request = Zahtev
list-filter = Prikaži
list-rows-found = { $count ->
    [one] Jedan red
   *[other] { $count } redova
}
list-delete = Obriši ovaj spisak i njegove odluke
list-summary-link = Rezime za državu domaćina
list-summary-title = Rezime za { $name }
list-summary-heading = Provera zaštite spiska za readmisiju: rezime
list-summary-protected = Ko ne može biti prinudno vraćen, i zašto
list-summary-assessment = Kome je potrebna procena, i šta nedostaje
list-summary-nobody = Niko.
list-status-storing = čuva se
list-status-done = gotovo
list-status-failed = neuspelo
rescreen-title = Ponovna provera posle promene politike
rescreen-intro = Kada se politika doda ili promeni, ovo su otvorene provere (najnovija za svaku osobu u otvorenom slučaju povratka) čiji bi se ishod promenio.
rescreen-show = Prikaži
rescreen-changed = { $count ->
    [one] Jedna provera bi se promenila
   *[other] { $count } provera bi se promenilo
}
rescreen-none = Nijedna otvorena provera se ne bi promenila.
rescreen-stored = Sačuvano
rescreen-new = Po ovoj politici
rescreen-all = Ponovo proveri ovih { $count }
rescreen-done = Ponovo provereno: { $count }.
rescreen-held = Prinudni povratci zadržani na kapiji: { $count }
home-held-at-gate = { $count ->
    [one] prinudni povratak zadržan na zaštitnoj kapiji
    [few] prinudna povratka zadržana na zaštitnoj kapiji
   *[other] prinudnih povrataka zadržanih na zaštitnoj kapiji
}
desk-household-of = domaćinstvo osobe { $person }
