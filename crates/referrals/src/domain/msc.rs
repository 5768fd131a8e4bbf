//! The Migrant Service Centre's information, advice and referral sessions: what a session was
//! about, who came (a registered person, or anonymous with sex, age group and municipality only),
//! in which language, and how it ended.

use drom_domain::code_enum;

code_enum! {
    /// What a session was about.
    pub enum Topic {
        LegalMigration = "legal_migration",
        WorkAbroad = "work_abroad",
        IrregularMigrationRisks = "irregular_migration_risks",
        VoluntaryReturn = "voluntary_return",
        ServicesInKosovo = "services_in_kosovo",
    }
}

code_enum! {
    /// The age group of an anonymous visitor.
    pub enum AgeGroup {
        Under18 = "under_18",
        From18To24 = "18_24",
        From25To34 = "25_34",
        From35To49 = "35_49",
        From50 = "50_plus",
    }
}

code_enum! {
    /// How a session ended.
    pub enum Outcome {
        Informed = "informed",
        Advised = "advised",
        Referred = "referred",
        FollowUp = "follow_up",
    }
}

impl AgeGroup {
    /// The group of someone `age` years old.
    pub fn of_age(age: i64) -> AgeGroup {
        match age {
            ..18 => AgeGroup::Under18,
            18..25 => AgeGroup::From18To24,
            25..35 => AgeGroup::From25To34,
            35..50 => AgeGroup::From35To49,
            _ => AgeGroup::From50,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_groups_cover_every_age() {
        assert_eq!(AgeGroup::of_age(17), AgeGroup::Under18);
        assert_eq!(AgeGroup::of_age(18), AgeGroup::From18To24);
        assert_eq!(AgeGroup::of_age(34), AgeGroup::From25To34);
        assert_eq!(AgeGroup::of_age(49), AgeGroup::From35To49);
        assert_eq!(AgeGroup::of_age(90), AgeGroup::From50);
        assert_eq!("18_24".parse::<AgeGroup>().unwrap(), AgeGroup::From18To24);
    }
}
