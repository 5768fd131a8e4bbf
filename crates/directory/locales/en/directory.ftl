invalid-service-inactive = is not taking referrals (its status is { $status })
invalid-not-hsds = does not follow HSDS 3.0: { $detail }
invalid-not-a-service-list = is neither an array of HSDS services nor an HSDS page with contents
invalid-not-an-hsds-table = is not an HSDS table (the directory's files: { $files })
invalid-no-such-record = names { $table } { $id }, which is neither in the file nor in the directory

## The needs a service meets (domain::Need)
need-employment = Employment
need-vocational-training = Vocational training
need-business-support = Business support and micro-grants
need-housing = Housing
need-health = Health
need-mental-health = Mental health
need-education = Education and school fees
need-social-assistance = Social assistance
need-legal-aid = Legal aid
need-civil-documents = Civil registration and documents
need-counter-trafficking = Counter-trafficking
need-discrimination-complaints = Discrimination complaints
need-child-protection = Child protection
need-interpretation = Interpretation
need-migration-information = Migration information
need-return-reintegration = Return and reintegration

## The public service finder
finder-title = Find a service
finder-lead = Services for returnees, migrants and their families across Kosovo: search by what you need, where, the language you speak, or what is open now.
finder-search = Words
finder-need = Need
finder-municipality = Municipality
finder-language = Language spoken
finder-open-now = Open now
finder-any = Any
finder-submit = Search
finder-found = { $count ->
    [one] One service
   *[other] { $count } services
}
finder-none = No service matches. Try fewer filters.
finder-open = Open now
finder-temporarily-closed = Temporarily closed
finder-pages = Pages of results
finder-previous = Previous
finder-next = Next
finder-page = Page { $page } of { $pages }
finder-map = Services by municipality
finder-map-lead = Choose a municipality on the map to see its services. The darker, the more services.
finder-map-count = { $count ->
    [one] one service
   *[other] { $count } services
}
finder-legend = Legend
finder-legend-none = none
finder-map-as-list = The map as a list
finder-services = Services
finder-back = All services
finder-address = Address
finder-no-address = No address given.
finder-transportation = How to get there
finder-hours = Opening hours
finder-no-hours = No opening hours given.
finder-hours-zone = Times are Kosovo time.
finder-documents = What to bring
finder-no-documents = Nothing listed.
finder-fees = Fees
finder-eligibility = Who can use it
finder-application = How to apply
finder-languages = Languages spoken
finder-no-languages = Not given.
finder-contact = Contact
finder-language-sq = Albanian
finder-language-sr = Serbian
finder-language-rom = Romani
finder-language-tr = Turkish
finder-language-bs = Bosnian
finder-language-en = English
finder-language-de = German
finder-day-mo = Monday
finder-day-tu = Tuesday
finder-day-we = Wednesday
finder-day-th = Thursday
finder-day-fr = Friday
finder-day-sa = Saturday
finder-day-su = Sunday

## Administration of the directory
admin-directory-title = Service directory
admin-directory-lead = Which Drom agency of this server each organization is (referrals to its services reach that agency's users), and whether each service takes referrals.
admin-directory-empty = The directory is empty: import an HSDS file with drom directory import.
admin-directory-agency = Drom agency
admin-directory-outside = None (an outside provider)
admin-directory-save = Save
admin-directory-status = Status
service-status-active = Active
service-status-inactive = Inactive
service-status-defunct = Defunct
service-status-temporarily-closed = Temporarily closed
