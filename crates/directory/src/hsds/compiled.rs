//! A compiled HSDS service (a service with everything that hangs on it, as the HSDS API's
//! `/services/{id}` answers and an HSDS JSON file holds), to and from the flat tables.

use super::model::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledService {
    #[serde(flatten)]
    pub service: Service,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    #[serde(default)]
    pub service_areas: Vec<ServiceArea>,
    #[serde(default)]
    pub service_at_locations: Vec<CompiledServiceAtLocation>,
    #[serde(default)]
    pub languages: Vec<Language>,
    #[serde(default)]
    pub required_documents: Vec<RequiredDocument>,
    #[serde(default)]
    pub contacts: Vec<CompiledContact>,
    #[serde(default)]
    pub attributes: Vec<CompiledAttribute>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledServiceAtLocation {
    #[serde(flatten)]
    pub row: ServiceAtLocation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<CompiledLocation>,
    #[serde(default)]
    pub contacts: Vec<CompiledContact>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub schedules: Vec<Schedule>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledLocation {
    #[serde(flatten)]
    pub row: Location,
    #[serde(default)]
    pub addresses: Vec<Address>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub languages: Vec<Language>,
    #[serde(default)]
    pub schedules: Vec<Schedule>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledContact {
    #[serde(flatten)]
    pub row: Contact,
    #[serde(default)]
    pub phones: Vec<Phone>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledAttribute {
    #[serde(flatten)]
    pub row: Attribute,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_term: Option<CompiledTerm>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledTerm {
    #[serde(flatten)]
    pub row: TaxonomyTerm,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_detail: Option<Taxonomy>,
}

fn fill(slot: &mut Option<String>, parent: &str) {
    if slot.is_none() {
        *slot = Some(parent.to_string());
    }
}

fn at<T: Table>(mut row: T, origin: String) -> T {
    row.set_origin(origin);
    row
}

impl CompiledService {
    /// Adds this service's rows to `t`; `path` is where it is in the file (a JSON pointer).
    /// A nested row's link to its parent is the parent's id when the file leaves it out.
    pub fn flatten_into(self, path: &str, t: &mut Tables) {
        let sid = self.service.id.clone();
        let mut service = self.service;
        if let Some(o) = self.organization {
            if service.organization_id.is_empty() {
                service.organization_id = o.id.clone();
            }
            t.organizations.push(at(o, format!("{path}/organization")));
        }
        t.services.push(at(service, path.to_string()));
        for (i, mut p) in self.phones.into_iter().enumerate() {
            fill(&mut p.service_id, &sid);
            t.phones.push(at(p, format!("{path}/phones/{i}")));
        }
        for (i, mut s) in self.schedules.into_iter().enumerate() {
            fill(&mut s.service_id, &sid);
            t.schedules.push(at(s, format!("{path}/schedules/{i}")));
        }
        for (i, mut a) in self.service_areas.into_iter().enumerate() {
            fill(&mut a.service_id, &sid);
            t.service_areas.push(at(a, format!("{path}/service_areas/{i}")));
        }
        for (i, mut l) in self.languages.into_iter().enumerate() {
            fill(&mut l.service_id, &sid);
            t.languages.push(at(l, format!("{path}/languages/{i}")));
        }
        for (i, mut d) in self.required_documents.into_iter().enumerate() {
            fill(&mut d.service_id, &sid);
            t.required_documents.push(at(d, format!("{path}/required_documents/{i}")));
        }
        for (i, mut c) in self.contacts.into_iter().enumerate() {
            fill(&mut c.row.service_id, &sid);
            contact_into(c, &format!("{path}/contacts/{i}"), t);
        }
        for (i, mut a) in self.attributes.into_iter().enumerate() {
            let here = format!("{path}/attributes/{i}");
            if a.row.link_id.is_empty() {
                a.row.link_id = sid.clone();
            }
            if a.row.link_entity.is_empty() {
                a.row.link_entity = "service".into();
            }
            if let Some(term) = a.taxonomy_term {
                if a.row.taxonomy_term_id.is_empty() {
                    a.row.taxonomy_term_id = term.row.id.clone();
                }
                let mut term_row = term.row;
                if let Some(tax) = term.taxonomy_detail {
                    fill(&mut term_row.taxonomy_id, &tax.id);
                    t.taxonomies.push(at(tax, format!("{here}/taxonomy_term/taxonomy_detail")));
                }
                t.taxonomy_terms.push(at(term_row, format!("{here}/taxonomy_term")));
            }
            t.attributes.push(at(a.row, here));
        }
        for (i, mut sal) in self.service_at_locations.into_iter().enumerate() {
            let here = format!("{path}/service_at_locations/{i}");
            if sal.row.service_id.is_empty() {
                sal.row.service_id = sid.clone();
            }
            let sal_id = sal.row.id.clone();
            if let Some(mut loc) = sal.location {
                if sal.row.location_id.is_empty() {
                    sal.row.location_id = loc.row.id.clone();
                }
                let lid = loc.row.id.clone();
                if loc.row.organization_id.is_none() && !t.services.is_empty() {
                    loc.row.organization_id = t.services.last().map(|s| s.organization_id.clone());
                }
                t.locations.push(at(loc.row, format!("{here}/location")));
                for (j, mut a) in loc.addresses.into_iter().enumerate() {
                    fill(&mut a.location_id, &lid);
                    t.addresses.push(at(a, format!("{here}/location/addresses/{j}")));
                }
                for (j, mut p) in loc.phones.into_iter().enumerate() {
                    fill(&mut p.location_id, &lid);
                    t.phones.push(at(p, format!("{here}/location/phones/{j}")));
                }
                for (j, mut l) in loc.languages.into_iter().enumerate() {
                    fill(&mut l.location_id, &lid);
                    t.languages.push(at(l, format!("{here}/location/languages/{j}")));
                }
                for (j, mut s) in loc.schedules.into_iter().enumerate() {
                    fill(&mut s.location_id, &lid);
                    t.schedules.push(at(s, format!("{here}/location/schedules/{j}")));
                }
            }
            for (j, mut p) in sal.phones.into_iter().enumerate() {
                fill(&mut p.service_at_location_id, &sal_id);
                t.phones.push(at(p, format!("{here}/phones/{j}")));
            }
            for (j, mut s) in sal.schedules.into_iter().enumerate() {
                fill(&mut s.service_at_location_id, &sal_id);
                t.schedules.push(at(s, format!("{here}/schedules/{j}")));
            }
            for (j, mut c) in sal.contacts.into_iter().enumerate() {
                fill(&mut c.row.service_at_location_id, &sal_id);
                contact_into(c, &format!("{here}/contacts/{j}"), t);
            }
            t.service_at_locations.push(at(sal.row, here));
        }
    }
}

fn contact_into(c: CompiledContact, path: &str, t: &mut Tables) {
    let cid = c.row.id.clone();
    for (k, mut p) in c.phones.into_iter().enumerate() {
        fill(&mut p.contact_id, &cid);
        t.phones.push(at(p, format!("{path}/phones/{k}")));
    }
    t.contacts.push(at(c.row, path.to_string()));
}

fn is(v: &Option<String>, id: &str) -> bool {
    v.as_deref() == Some(id)
}

impl Tables {
    /// The compiled HSDS services of these tables, in the order of `services`.
    pub fn compile(&self) -> Vec<CompiledService> {
        self.services.iter().map(|s| self.compile_one(s)).collect()
    }

    fn contact(&self, c: &Contact) -> CompiledContact {
        CompiledContact {
            row: c.clone(),
            phones: self.phones.iter().filter(|p| is(&p.contact_id, &c.id)).cloned().collect(),
        }
    }

    /// One service with what hangs on it (a phone or schedule hangs where its most specific
    /// link says: a contact's under the contact, a location's under the location, and so on).
    pub fn compile_one(&self, s: &Service) -> CompiledService {
        let own = |p: &Phone| is(&p.service_id, &s.id) && p.contact_id.is_none() && p.service_at_location_id.is_none();
        CompiledService {
            service: s.clone(),
            organization: self.organizations.iter().find(|o| o.id == s.organization_id).cloned(),
            phones: self.phones.iter().filter(|p| own(p)).cloned().collect(),
            schedules: self
                .schedules
                .iter()
                .filter(|x| is(&x.service_id, &s.id) && x.service_at_location_id.is_none())
                .cloned()
                .collect(),
            service_areas: self.service_areas.iter().filter(|x| is(&x.service_id, &s.id)).cloned().collect(),
            languages: self.languages.iter().filter(|x| is(&x.service_id, &s.id)).cloned().collect(),
            required_documents: self.required_documents.iter().filter(|x| is(&x.service_id, &s.id)).cloned().collect(),
            contacts: self
                .contacts
                .iter()
                .filter(|c| is(&c.service_id, &s.id) && c.service_at_location_id.is_none())
                .map(|c| self.contact(c))
                .collect(),
            attributes: self
                .attributes
                .iter()
                .filter(|a| a.link_id == s.id)
                .map(|a| CompiledAttribute {
                    row: a.clone(),
                    taxonomy_term: self.taxonomy_terms.iter().find(|t| t.id == a.taxonomy_term_id).map(|t| {
                        CompiledTerm {
                            row: t.clone(),
                            taxonomy_detail: self.taxonomies.iter().find(|x| is(&t.taxonomy_id, &x.id)).cloned(),
                        }
                    }),
                })
                .collect(),
            service_at_locations: self
                .service_at_locations
                .iter()
                .filter(|x| x.service_id == s.id)
                .map(|sal| CompiledServiceAtLocation {
                    row: sal.clone(),
                    location: self.locations.iter().find(|l| l.id == sal.location_id).map(|l| CompiledLocation {
                        row: l.clone(),
                        addresses: self.addresses.iter().filter(|a| is(&a.location_id, &l.id)).cloned().collect(),
                        phones: self
                            .phones
                            .iter()
                            .filter(|p| is(&p.location_id, &l.id) && p.service_id.is_none() && p.contact_id.is_none())
                            .cloned()
                            .collect(),
                        languages: self
                            .languages
                            .iter()
                            .filter(|x| is(&x.location_id, &l.id) && x.service_id.is_none())
                            .cloned()
                            .collect(),
                        schedules: self
                            .schedules
                            .iter()
                            .filter(|x| {
                                is(&x.location_id, &l.id)
                                    && x.service_id.is_none()
                                    && x.service_at_location_id.is_none()
                            })
                            .cloned()
                            .collect(),
                    }),
                    contacts: self
                        .contacts
                        .iter()
                        .filter(|c| is(&c.service_at_location_id, &sal.id))
                        .map(|c| self.contact(c))
                        .collect(),
                    phones: self
                        .phones
                        .iter()
                        .filter(|p| is(&p.service_at_location_id, &sal.id) && p.contact_id.is_none())
                        .cloned()
                        .collect(),
                    schedules: self
                        .schedules
                        .iter()
                        .filter(|x| is(&x.service_at_location_id, &sal.id))
                        .cloned()
                        .collect(),
                })
                .collect(),
        }
    }
}
