//! Roles, permissions and the acting user. Code that writes or administers must hold a grant
//! value (`RegistryWriter`, `Administrator`) that only a successful check can make, so a
//! forgotten check is a compile error rather than a data leak.

use crate::code_enum;
use serde::Serialize;

code_enum! {
    /// A user's role within their agency.
    pub enum Role {
        /// Manages agencies, reference data and the users of every agency; acts in its own
        /// agency like an administrator.
        SystemAdministrator = "system_administrator",
        /// Manages the users of its own agency.
        Administrator = "administrator",
        /// A caseworker who also leads a team: assigns and reassigns cases, sees the team's
        /// load and approves what a programme says needs a second pair of eyes.
        Supervisor = "supervisor",
        Caseworker = "caseworker",
        ProtectionOfficer = "protection_officer",
        Viewer = "viewer",
    }
}

code_enum! {
    pub enum Permission {
        /// See the agency's own persons and households (without special categories).
        RegistryRead = "registry_read",
        /// Create and change the agency's persons and households.
        RegistryWrite = "registry_write",
        /// See and record special categories (ethnicity, health, trafficking, minors). Never
        /// implied by a role: granted to a user explicitly.
        SpecialCategories = "special_categories",
        /// Let a forced return pass a closed protection gate (with a reason, confirmed by a
        /// second holder). Never implied by a role: granted to a user explicitly.
        OverrideProtectionGate = "override_protection_gate",
        /// Write a new version of a municipality's information sheet: what counsellors tell a
        /// person about the place they would return to, and so what informed consent rests on.
        /// Sheets are shared by every agency; an agency's administrator keeps them.
        EditInfoSheets = "edit_info_sheets",
        /// Assign and reassign the agency's cases, see the team's load, and approve the steps a
        /// programme puts behind a supervisor (large disbursements, forced-return orders).
        Supervise = "supervise",
        /// Manage the users of one's own agency.
        Administer = "administer",
        /// Manage agencies, reference data and the users of every agency.
        AdministerSystem = "administer_system",
        /// Read the audit log.
        AuditRead = "audit_read",
    }
}

impl Role {
    pub fn grants(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::SystemAdministrator => matches!(
                permission,
                RegistryRead | RegistryWrite | EditInfoSheets | Supervise | Administer | AdministerSystem | AuditRead
            ),
            Role::Administrator => {
                matches!(permission, RegistryRead | RegistryWrite | EditInfoSheets | Supervise | Administer | AuditRead)
            }
            Role::Supervisor => matches!(permission, RegistryRead | RegistryWrite | Supervise),
            Role::Caseworker | Role::ProtectionOfficer => matches!(permission, RegistryRead | RegistryWrite),
            Role::Viewer => matches!(permission, RegistryRead),
        }
    }
}

/// The signed-in user on whose behalf a request or command runs.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub user_id: i64,
    pub agency_id: i64,
    pub username: String,
    pub role: Role,
    /// The explicit grant for special categories.
    pub special_categories: bool,
    /// The explicit grant to override the protection gate.
    pub protection_override: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("permission '{0}' is needed")]
pub struct Denied(pub Permission);

impl Actor {
    pub fn can(&self, permission: Permission) -> bool {
        match permission {
            Permission::SpecialCategories => self.special_categories,
            Permission::OverrideProtectionGate => self.protection_override,
            other => self.role.grants(other),
        }
    }

    pub fn require(&self, permission: Permission) -> Result<(), Denied> {
        if self.can(permission) { Ok(()) } else { Err(Denied(permission)) }
    }

    pub fn registry_writer(&self) -> Result<RegistryWriter<'_>, Denied> {
        self.require(Permission::RegistryWrite)?;
        Ok(RegistryWriter(self))
    }

    pub fn administrator(&self) -> Result<Administrator<'_>, Denied> {
        self.require(Permission::Administer)?;
        Ok(Administrator(self))
    }

    /// All permissions this actor holds, for display.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL.iter().copied().filter(|p| self.can(*p)).collect()
    }
}

/// Proof that the actor may write the registry of its own agency.
#[derive(Debug, Clone, Copy)]
pub struct RegistryWriter<'a>(&'a Actor);

impl RegistryWriter<'_> {
    pub fn actor(&self) -> &Actor {
        self.0
    }
}

/// Proof that the actor administers the users of its agency (and, for a system administrator,
/// of every agency, the agencies themselves and reference data).
#[derive(Debug, Clone, Copy)]
pub struct Administrator<'a>(&'a Actor);

impl Administrator<'_> {
    pub fn actor(&self) -> &Actor {
        self.0
    }

    /// Whether this administrator may manage the users of `agency_id`: its own agency, or any
    /// for a system administrator.
    pub fn manages(&self, agency_id: i64) -> bool {
        self.0.agency_id == agency_id || self.0.can(Permission::AdministerSystem)
    }

    /// The proof that the actor administers the whole system, or the refusal naming the grant.
    pub fn system(&self) -> Result<(), Denied> {
        self.0.require(Permission::AdministerSystem)
    }

    /// Whether this administrator may give `role`: a system administrator only by a system
    /// administrator.
    pub fn may_give(&self, role: Role) -> bool {
        role != Role::SystemAdministrator || self.0.can(Permission::AdministerSystem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, special: bool) -> Actor {
        Actor {
            user_id: 1,
            agency_id: 1,
            username: "u".into(),
            role,
            special_categories: special,
            protection_override: false,
        }
    }

    #[test]
    fn special_categories_are_never_implied_by_a_role() {
        for role in Role::ALL {
            assert!(!actor(*role, false).can(Permission::SpecialCategories));
            assert!(actor(*role, true).can(Permission::SpecialCategories));
        }
    }

    #[test]
    fn no_role_may_override_the_protection_gate_without_the_grant() {
        for role in Role::ALL {
            assert!(!role.grants(Permission::OverrideProtectionGate));
            let granted = Actor { protection_override: true, ..actor(*role, false) };
            assert!(granted.can(Permission::OverrideProtectionGate));
            assert!(!actor(*role, true).can(Permission::OverrideProtectionGate));
        }
    }

    #[test]
    fn an_agency_administrator_manages_its_own_agency_only() {
        let admin = actor(Role::Administrator, false);
        let a = admin.administrator().unwrap();
        assert!(a.manages(1) && !a.manages(2));
        assert!(a.system().is_err() && !a.may_give(Role::SystemAdministrator) && a.may_give(Role::Administrator));
        let system = actor(Role::SystemAdministrator, false);
        let s = system.administrator().unwrap();
        assert!(s.manages(2) && s.system().is_ok() && s.may_give(Role::SystemAdministrator));
    }

    #[test]
    fn only_administrators_write_information_sheets() {
        for role in Role::ALL {
            let administers = matches!(role, Role::Administrator | Role::SystemAdministrator);
            assert_eq!(actor(*role, true).can(Permission::EditInfoSheets), administers, "{role:?}");
        }
    }

    #[test]
    fn viewers_cannot_write_and_caseworkers_cannot_administer() {
        assert!(actor(Role::Viewer, true).registry_writer().is_err());
        assert!(actor(Role::Caseworker, false).registry_writer().is_ok());
        assert_eq!(actor(Role::Caseworker, true).administrator().unwrap_err(), Denied(Permission::Administer));
        assert!(actor(Role::Administrator, false).administrator().is_ok());
    }
}
