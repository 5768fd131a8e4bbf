//! Which agencies' records an actor reaches, as one value every query of agency-owned data takes
//! its predicate and parameter from. Today an actor reaches its own agency's records; a referral
//! capability will widen `readable` in this one place ("own records, plus those another agency
//! shared with this one"), never `owned`, which writes and statistics use.

use drom_domain::permission::Actor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgencyScope {
    agency_id: i64,
}

impl AgencyScope {
    pub fn of(actor: &Actor) -> AgencyScope {
        AgencyScope { agency_id: actor.agency_id }
    }

    /// The scope of the agency that owns a record already read within an actor's scope (the
    /// screenings of a return case's household, read for the case's own agency).
    pub fn owner(agency_id: i64) -> AgencyScope {
        AgencyScope { agency_id }
    }

    /// The value to bind for the predicate's parameter.
    pub fn agency(&self) -> i64 {
        self.agency_id
    }

    /// The records the actor may read, for the table aliased `alias` (`""` for none), with the
    /// agency bound as parameter `$param`.
    pub fn readable(&self, alias: &str, param: usize) -> String {
        self.owned(alias, param)
    }

    /// Records shared between two agencies (a referral: its sender and its receiver), for the
    /// two columns naming them, with the agency bound as parameter `$param`: either party reads
    /// it. Nothing else of the other agency is widened by this.
    pub fn party(&self, sender: &str, receiver: &str, param: usize) -> String {
        format!("({sender} = ${param} OR {receiver} = ${param})")
    }

    /// The records the actor's agency owns: what it may change, and what its statistics count.
    pub fn owned(&self, alias: &str, param: usize) -> String {
        let dot = if alias.is_empty() { "" } else { "." };
        format!("{alias}{dot}agency_id = ${param}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use drom_domain::permission::Role;

    #[test]
    fn the_predicate_names_the_alias_and_the_parameter() {
        let actor = Actor {
            user_id: 1,
            agency_id: 7,
            username: "u".into(),
            role: Role::Viewer,
            special_categories: false,
            protection_override: false,
        };
        let s = AgencyScope::of(&actor);
        assert_eq!(s.agency(), 7);
        assert_eq!(s.readable("p", 2), "p.agency_id = $2");
        assert_eq!(s.owned("", 1), "agency_id = $1");
        assert_eq!(s.party("r.a", "r.b", 3), "(r.a = $3 OR r.b = $3)");
    }
}
