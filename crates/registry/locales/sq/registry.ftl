# The registry: persons and households.

persons-title = Personat
person-new = Regjistro një person
person-new-title = Regjistro një person
person-edit-title = Ndrysho { $name }
person-conflict = Dikush tjetër e ndryshoi këtë regjistrim ndërsa e redaktonit. Ringarkojeni dhe bëni përsëri ndryshimin.
search-label = Emri
search-placeholder = me shkronja latine ose cirilike, me ose pa shenja diakritike
persons-found = { $count ->
    [one] U gjet një person
   *[other] U gjetën { $count } persona
}
persons-found-more = U gjetën më shumë se { $count } persona: ngushtoni kërkimin
contact-phone = Telefoni
contact-email = E-maili
contact-address = Adresa
contact-other = Kontakt tjetër
person-consent-withdrawn = Pëlqimi është tërhequr
person-withheld = Disa të dhëna të kategorisë së veçantë nuk shfaqen: llogaria juaj nuk e ka këtë leje.
person-household = Familja
person-no-household = Nuk është në ndonjë familje.
person-withdraw-title = Tërheqja e pëlqimit
person-withdraw-reason = Arsyeja, me fjalët e personit kur është e mundur
person-withdraw = Regjistro tërheqjen
person-history = Historiku
person-audit = Gjurmët e auditimit
households-title = Familjet
households-search = Emri i një anëtari
households-found = { $count ->
    [one] Një familje
   *[other] { $count } familje
}
household-title = Familja { $id }
household-default-label = Familja { $name }
household-members = Anëtarët
household-remove = Hiqe
household-add = Shto një anëtar
household-register-new = Regjistro një person të ri në këtë familje
household-find-existing = Gjej një person të regjistruar
household-no-candidates = Asnjë person i regjistruar pa familje nuk përputhet.
household-add-member = Shto
household-create-with-head = Krijo një familje me këtë person si kryefamiljar
household-error-invalid = Ndryshimi u refuzua: kontrolloni anëtarët dhe lidhjet e tyre.
household-error-conflict = Dikush tjetër e ndryshoi këtë familje ndërkohë. Shikojeni përsëri dhe përsëritni ndryshimin.
document-passport = Pasaporta
document-id-card = Letërnjoftimi
document-birth-certificate = Certifikata e lindjes
document-travel-document = Dokument udhëtimi
document-residence-permit = Leje qëndrimi
document-other = Dokument tjetër
change-create = krijuar
change-update = ndryshuar
change-consent-withdrawn = pëlqimi u tërhoq
change-import = importuar
person-return-cases = Rastet e kthimit
person-no-return-case = Asnjë rast kthimi.
person-open-return-case = Hap një rast kthimi

## Pse refuzohet një vlerë dhe pse një ndryshim bie ndesh
invalid-no-members = një familje ka nevojë për të paktën një anëtar
invalid-too-many-members = ka më shumë se { $max } anëtarë
invalid-one-head = ka nevojë për saktësisht një anëtar me lidhjen 'kryefamiljar' (u gjetën { $found })
invalid-listed-twice = personi { $person } është shënuar dy herë
invalid-not-email = nuk është adresë e-maili
invalid-too-many-entries = ka më shumë se { $max } hyrje
invalid-needed-for-consent = është e detyrueshme kur baza është pëlqimi
invalid-needed-for-obligation = është e detyrueshme kur baza është detyrim ligjor
invalid-not-on-consent = ky regjistrim nuk mbahet mbi bazën e pëlqimit
invalid-age-order = është më e vogël se mosha minimale
invalid-in-other-household = personi { $person } është tashmë anëtar i familjes { $household }
refusal-consent-withdrawn-already = pëlqimi për personin { $id } është tërhequr tashmë

person-withdraw-effect = Pasi të tërhiqet pëlqimi, për këtë person nuk mund të hapet asnjë rast i ri i kthimit vullnetar apo shqyrtim për kthim vullnetar derisa të regjistrohet një pëlqim i ri në të dhënat e personit (baza ligjore: pëlqimi, me datë pas tërheqjes).
person-withdraw-confirm = Personi e ka tërhequr pëlqimin dhe i kam shpjeguar çfarë do të thotë
person-withdraw-confirm-needed = Asgjë nuk u regjistrua: shënoni konfirmimin për të regjistruar tërheqjen.
person-withdraw-reason-needed = Asgjë nuk u regjistrua: jepni arsyen (më së shumti 500 shenja).
person-consent-again-title = Regjistro përsëri pëlqimin
person-consent-again-effect = Personi dha përsëri pëlqimin: ai bëhet baza ligjore e regjistrimit të tij dhe puna për kthimin vullnetar mund të fillojë përsëri.
person-consent-again = Regjistro pëlqimin e ri
change-consent-recorded = pëlqimi u regjistrua përsëri
refusal-consent-not-withdrawn = Pëlqimi i personit { $id } nuk është tërhequr: ndryshoni bazën ligjore në formularin e personit.
invalid-consent-before-withdrawal = { $day } është para tërheqjes së pëlqimit më { $withdrawn }
