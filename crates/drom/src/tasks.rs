//! The task rules of every capability, brought up to date together: by `drom tasks`, once when
//! a server starts and every `RULE_INTERVAL` after. Each rule adds the tasks newly due and
//! closes those no longer due; running it twice, or on several servers, changes nothing more.

use anyhow::Result;
use chrono::NaiveDate;
use drom_casework::CaseworkDb;
use drom_casework::store::tasks::RuleSync;
use drom_referrals::ReferralsDb;
use drom_returns::ReturnsDb;
use drom_store::Db;

/// How often a running server brings the rules' tasks up to date.
pub const RULE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(6 * 60 * 60);

/// Runs every rule as of `today`; `progress` hears of the rule's size and then of each task.
pub async fn sync_rules(
    db: &Db,
    today: NaiveDate,
    progress: &(dyn Fn(&str, Option<u64>) + Sync),
) -> Result<Vec<(&'static str, RuleSync)>> {
    let mut out = Vec::new();
    let rule = drom_returns::store::task_rules::MONITORING_VISIT;
    let wanted = db.returns().monitoring_visit_tasks(today).await?;
    progress(rule, Some(wanted.len() as u64));
    let sync = db.casework().sync_rule_tasks(rule, wanted, &|_| progress(rule, None)).await?;
    out.push((rule, sync));
    let rule = drom_referrals::store::task_rules::REFERRAL_OVERDUE;
    let wanted = db.referrals().overdue_tasks(today).await?;
    progress(rule, Some(wanted.len() as u64));
    let sync = db.casework().sync_rule_tasks(rule, wanted, &|_| progress(rule, None)).await?;
    out.push((rule, sync));
    Ok(out)
}

/// Keeps the rules' tasks up to date while the server runs.
pub fn spawn_rule_loop(db: Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(RULE_INTERVAL);
        loop {
            tick.tick().await;
            match sync_rules(&db, chrono::Utc::now().date_naive(), &|_, _| {}).await {
                Ok(done) => {
                    for (rule, s) in done {
                        tracing::info!(rule, created = s.created, closed = s.closed, "task rule");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "task rules failed; trying again at the next interval"),
            }
            // Discrimination reports past their retention period lose their personal data.
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
            match drom_discrimination::DiscriminationDb::discrimination(&db).erase_due(&now, &|| {}).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(erased = n, "discrimination reports past retention"),
                Err(e) => tracing::warn!(error = %e, "erasing discrimination reports failed"),
            }
        }
    });
}
