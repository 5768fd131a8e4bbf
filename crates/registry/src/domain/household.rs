//! Households: the family unit that screening keeps together, with each member's relation to
//! the head.

use super::RegistryReason;
use drom_domain::error::{ValidationErrors, optional_text};
use drom_domain::vocab::Relation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const MEMBERS_MAX: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    pub person_id: i64,
    pub relation: Relation,
}

/// The editable content of a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdData {
    /// A name people use for the household, e.g. "Berisha family, Fushë Kosovë".
    #[serde(default)]
    pub label: Option<String>,
    /// Municipality code or name where the household lives or comes from.
    #[serde(default)]
    pub municipality: Option<String>,
    pub members: Vec<MemberInput>,
}

impl HouseholdData {
    /// One head, no person twice, at least one member.
    pub fn validate(self) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::default();
        let label = optional_text(&mut e, "label", self.label.as_deref(), 200);
        let municipality = optional_text(&mut e, "municipality", self.municipality.as_deref(), 200);
        if self.members.is_empty() {
            e.push("members", RegistryReason::NoMembers);
        } else if self.members.len() > MEMBERS_MAX {
            e.push("members", RegistryReason::TooManyMembers { max: MEMBERS_MAX });
        }
        let heads = self.members.iter().filter(|m| m.relation == Relation::Head).count();
        if !self.members.is_empty() && heads != 1 {
            e.push("members", RegistryReason::OneHead { found: heads });
        }
        for (i, m) in self.members.iter().enumerate() {
            if self.members[..i].iter().any(|o| o.person_id == m.person_id) {
                e.push(format!("members[{i}].person_id"), RegistryReason::ListedTwice { person: m.person_id });
            }
        }
        e.into_result(HouseholdData { label, municipality, members: self.members })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(person_id: i64, relation: Relation) -> MemberInput {
        MemberInput { person_id, relation }
    }

    #[test]
    fn needs_one_head_and_distinct_members() {
        let ok = HouseholdData {
            label: None,
            municipality: None,
            members: vec![m(1, Relation::Head), m(2, Relation::Child)],
        };
        assert!(ok.validate().is_ok());
        let two_heads = HouseholdData {
            label: None,
            municipality: None,
            members: vec![m(1, Relation::Head), m(2, Relation::Head)],
        };
        assert_eq!(two_heads.validate().unwrap_err().0[0].field, "members");
        let twice = HouseholdData {
            label: None,
            municipality: None,
            members: vec![m(1, Relation::Head), m(1, Relation::Child)],
        };
        assert_eq!(twice.validate().unwrap_err().0[0].field, "members[1].person_id");
        let empty = HouseholdData { label: None, municipality: None, members: vec![] };
        assert!(empty.validate().is_err());
    }
}
