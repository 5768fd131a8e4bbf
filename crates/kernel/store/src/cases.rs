//! The one transaction path of every case lifecycle (see `drom_domain::lifecycle`): a step
//! checked against the lifecycle, its columns and the new stage written with a version bump
//! (so that of two concurrent steps the second fails instead of overwriting), and its audit
//! entry appended, all on the caller's transaction.

use crate::audit;
use crate::db::{Conn, now};
use crate::error::StoreError;
use crate::query::{Param, bind_params};
use crate::sql;
use drom_domain::error::Refusal;
use drom_domain::lifecycle::Lifecycle;
use drom_domain::permission::Actor;

/// What a case is when a step is applied to it.
pub struct CaseHead<L: Lifecycle> {
    pub id: i64,
    pub version: i64,
    pub stage: L::Stage,
    pub kind: L::Kind,
}

/// What one step writes on a case.
pub struct StepWrite<L: Lifecycle> {
    pub step: L::Step,
    /// Columns of the case and their new values.
    pub sets: Vec<(&'static str, Param)>,
    /// Why, for the audit log.
    pub reason: Option<String>,
    pub detail: serde_json::Value,
}

impl<L: Lifecycle> StepWrite<L> {
    pub fn new(step: L::Step, sets: Vec<(&'static str, Param)>, detail: serde_json::Value) -> Self {
        StepWrite { step, sets, reason: None, detail }
    }
}

/// Applies a step to a case: refuses it (`StoreError::Transition`, with the lifecycle's reason)
/// if the lifecycle does not allow it from the case's stage, else writes the new stage, the
/// step's columns and a version bump (`StoreError::Conflict` if the case changed meanwhile), and
/// appends the audit entry `<table>.<step>` with the new stage in its detail.
pub async fn advance<L: Lifecycle>(
    c: &mut Conn<'_>,
    actor: &Actor,
    case: &CaseHead<L>,
    write: StepWrite<L>,
) -> Result<L::Stage, StoreError> {
    let stage = L::apply(case.stage, case.kind, write.step).map_err(StoreError::Transition)?;
    let mut params = vec![Param::S(stage.to_string()), Param::S(now())];
    let mut assignments = String::new();
    for (column, value) in write.sets {
        params.push(value);
        assignments.push_str(&format!(", {column} = ${}", params.len()));
    }
    params.push(Param::I(case.id));
    params.push(Param::I(case.version));
    // The table and column names are the capability's constants, never input.
    let q = format!(
        "UPDATE {} SET stage = $1, updated_at = $2, version = version + 1{assignments} WHERE id = ${} AND version = ${}",
        L::TABLE,
        params.len() - 1,
        params.len()
    );
    let changed = sql!(c, execute, bind_params(sqlx::query(sqlx::AssertSqlSafe(q)), &params))?;
    if changed == 0 {
        return Err(StoreError::Conflict(Refusal::new("changed-meanwhile").text("what", L::TABLE).text("id", case.id)));
    }
    let mut detail = write.detail;
    if let Some(d) = detail.as_object_mut() {
        d.insert("stage".into(), stage.to_string().into());
    }
    let action = format!("{}.{}", L::TABLE, write.step);
    audit::append(c, actor, &action, L::TABLE, Some(case.id), write.reason.as_deref(), detail).await?;
    Ok(stage)
}
