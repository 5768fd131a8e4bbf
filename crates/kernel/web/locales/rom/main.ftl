# Romani of Kosovo (Latin script). Every message here was written without a Romani speaker and
# is marked `# review` until one has read it (see docs/localisation.md); `drom locales` lists
# them. A message missing here falls back to English.

# review: rom
skip-to-content = Dža ko teksto

# review: rom
nav-label = Šerutno

# review: rom
nav-home = Kher

# review: rom
nav-persons = Manuša

# review: rom
nav-households = Khera

# review: rom
nav-admin = Administracija

# review: rom
nav-returns = Irinipa

# review: rom
nav-reports = Raporte

# review: rom
nav-screening = Dikhipe

# review: rom
language = Čhib

# review: rom
language-change = Paruv

# review: rom
sign-in = Dža andre

# review: rom
sign-out = Dža avri

# review: rom
footer = Drom — irinipe, reintegracija thaj lokalno integracija. E podatke ićarel i agencija savi ramosardža len.

# review: rom
search = Rode

# review: rom
landing-title = Mišto avilen ko Drom

# review: rom
landing-lead = O Drom pomožinel e agencijenge save den dumo, pomoć thaj arakhen e manušen save irinen pe ko Kosovo, thaj e komunitetonenge save len primin, te keren buti khetane.

# review: rom
landing-return-title = Irinipe khere

# review: rom
landing-return = Angla so džas ko drom, jekh savetniko phenela tuće save mogućnostija isi tut thaj sar si ki tiri opština: kher, škola, sastipe thaj sigurnost. O odluka te irines tut si tiri.

# review: rom
landing-services-title = Službe pašo tute

# review: rom
landing-services = Opštinake kancelarije vaš komunitetija thaj irinipe, centrija vaš socijalno buti thaj organizacije pomožinen tuće ko dokumentija, kher, upisi ki škola, buti thaj sastipe.

# review: rom
landing-discrimination-title = Prijavi diskriminacija

# review: rom
landing-discrimination = Te keren tuće bilačhipe vaš kodova ko san, o Ombudsperson, e opštinake jedinice vaš manušikane čačipa thaj e organizacije katar o civilno društvo šaj pomožinen. Šaj prijavi bi te phenes ko san.

# review: rom
landing-privacy-title = Tire podatke

# review: rom
landing-privacy = Tire podatke ićarel samo i agencija savjake dijan len, pe osnova savaće saglasisajan, thaj šaj te le palpale tiri saglasnost. Sako dikhipe ko osetljiva podatke ramosarel pe.

# review: rom
landing-staff = Dža andre vaš o zaposlenja

# review: rom
login-title = Dža andre

# review: rom
login-username = Anav e korisnikosko

# review: rom
login-password = Lozinka

# review: rom
login-failed = Na mišto anav e korisnikosko vaj lozinka.

# review: rom
login-too-many = But probe save na uspisardje. Probi palem pale { $minutes } minute.

# review: rom
edit = Paruv

# review: rom
field-community = Komuniteti

# review: rom
field-country = Akana ko them

# review: rom
field-date-of-birth = Dives kana bijandilo

# review: rom
field-estimated = procenime

# review: rom
field-languages = Čhibja

# review: rom
field-legal-basis = Osnova vaš ićaripe e podatkengo

# review: rom
field-municipality = Opština kotar avel

# review: rom
field-sex = Pol

# review: rom
field-vulnerabilities = Ranjivosti

# review: rom
history-change = Paruvipe

# review: rom
history-version = Verzija

# review: rom
history-when = Kana

# review: rom
audit-user = Korisniko

# review: rom
audit-action = Akcija

# review: rom
audit-reason = Razlogo

# review: rom
nav-services = Rod jekh servisi
# review: rom
nav-report = Phen diskriminacia
