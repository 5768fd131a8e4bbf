//! The return case's lifecycle. The server applies a step only if this table allows it from the
//! case's stage, so a case cannot skip consent, arrive before travelling, or be monitored
//! before it arrived, whatever client sends the request.

use super::ReturnType;
use drom_domain::code_enum;
use drom_domain::error::Refusal;

code_enum! {
    /// How far a case has come. `Stopped` is the end of a voluntary return whose consent was
    /// withdrawn before arrival.
    pub enum Stage {
        Registered = "registered",
        Counselled = "counselled",
        ConsentRecorded = "consent_recorded",
        ForcedReturnOrdered = "forced_return_ordered",
        TravelArranged = "travel_arranged",
        Arrived = "arrived",
        ReintegrationPlanned = "reintegration_planned",
        AssistanceDelivered = "assistance_delivered",
        Monitored = "monitored",
        Closed = "closed",
        Stopped = "stopped",
    }
}

code_enum! {
    /// What a caseworker does to a case.
    pub enum Step {
        Counsel = "counsel",
        RecordConsent = "record_consent",
        OrderForcedReturn = "order_forced_return",
        ArrangeTravel = "arrange_travel",
        ConfirmArrival = "confirm_arrival",
        PlanReintegration = "plan_reintegration",
        Disburse = "disburse",
        RecordVisit = "record_visit",
        Close = "close",
        WithdrawConsent = "withdraw_consent",
        /// A forced return becomes a voluntary one: counselling and consent start afresh.
        ConvertToVoluntary = "convert_to_voluntary",
    }
}

/// The return case's lifecycle for the kernel's case machinery.
pub struct ReturnLifecycle;

impl drom_domain::lifecycle::Lifecycle for ReturnLifecycle {
    type Stage = Stage;
    type Step = Step;
    type Kind = ReturnType;
    const TABLE: &'static str = "return_case";

    fn steps() -> &'static [Step] {
        Step::ALL
    }

    fn apply(stage: Stage, kind: ReturnType, step: Step) -> Result<Stage, Refusal> {
        apply(stage, kind, step)
    }
}

/// Whether `step` takes a return past its order, so that the protection gate must be open: the
/// travel and the arrival of a forced return.
pub fn needs_protection_gate(return_type: ReturnType, step: Step) -> bool {
    return_type == ReturnType::Forced && matches!(step, Step::ArrangeTravel | Step::ConfirmArrival)
}

impl Stage {
    /// Whether the case is over (no step applies any more).
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Closed | Stage::Stopped)
    }

    /// Whether the person has come back.
    pub fn has_arrived(self) -> bool {
        use Stage::*;
        matches!(self, Arrived | ReintegrationPlanned | AssistanceDelivered | Monitored | Closed)
    }
}

/// The stage a case reaches by `step`, or why the step is refused (a coded refusal: pages and
/// the API say it from the messages `refusal-<code>`).
pub fn apply(stage: Stage, return_type: ReturnType, step: Step) -> Result<Stage, Refusal> {
    use Stage::*;
    use Step::*;
    if stage.is_final() {
        return Err(Refusal::new("case-over").code("stage", "stage", stage));
    }
    let voluntary = return_type == ReturnType::Voluntary;
    let refuse = |needs: &'static str| {
        Err(Refusal::new("step-needs")
            .code("step", "step", step)
            .code("stage", "stage", stage)
            .code("needs", "needs", needs))
    };
    let just = |code: &'static str| Err(Refusal::new(code));
    match step {
        Counsel => match stage {
            Registered | Counselled => Ok(Counselled),
            // Counselling goes on before departure once consent or an order exists.
            ConsentRecorded | ForcedReturnOrdered | TravelArranged => Ok(stage),
            _ => refuse("not-arrived"),
        },
        RecordConsent if !voluntary => just("forced-no-consent"),
        RecordConsent => match stage {
            Counselled => Ok(ConsentRecorded),
            Registered => just("consent-needs-counselling"),
            _ => refuse("counselled"),
        },
        OrderForcedReturn if voluntary => just("voluntary-no-order"),
        OrderForcedReturn => match stage {
            Registered | Counselled => Ok(ForcedReturnOrdered),
            _ => refuse("registered-or-counselled"),
        },
        ArrangeTravel => match stage {
            ConsentRecorded | ForcedReturnOrdered | TravelArranged => Ok(TravelArranged),
            Registered | Counselled if voluntary => just("travel-needs-consent"),
            Registered | Counselled => just("travel-needs-order"),
            _ => refuse("consent-or-order"),
        },
        ConfirmArrival => match stage {
            TravelArranged => Ok(Arrived),
            _ => refuse("travel-arranged"),
        },
        PlanReintegration => match stage {
            Arrived | ReintegrationPlanned | AssistanceDelivered | Monitored => Ok(stage.max(ReintegrationPlanned)),
            _ => refuse("arrived"),
        },
        Disburse => match stage {
            ReintegrationPlanned | AssistanceDelivered | Monitored => Ok(stage.max(AssistanceDelivered)),
            _ => refuse("plan"),
        },
        RecordVisit => match stage {
            Arrived | ReintegrationPlanned | AssistanceDelivered | Monitored => Ok(Monitored),
            _ => refuse("arrived"),
        },
        Close => match stage {
            Registered | Counselled | Monitored => Ok(Closed),
            // A forced return that will not take place (its gate closed for good) is closed
            // before departure; a voluntary one stops by withdrawal of consent instead.
            ForcedReturnOrdered | TravelArranged if !voluntary => Ok(Closed),
            _ => refuse("not-on-its-way-or-monitored"),
        },
        ConvertToVoluntary if voluntary => just("already-voluntary"),
        ConvertToVoluntary => match stage {
            Registered | Counselled => Ok(stage),
            // The order stays on record; a voluntary return needs counselling and consent anew.
            ForcedReturnOrdered | TravelArranged => Ok(Registered),
            _ => refuse("forced-not-arrived"),
        },
        WithdrawConsent if !voluntary => just("forced-no-withdrawal"),
        WithdrawConsent => match stage {
            ConsentRecorded | TravelArranged => Ok(Stopped),
            _ => refuse("consent-before-arrival"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(t: ReturnType, steps: &[Step]) -> Result<Stage, Refusal> {
        steps.iter().try_fold(Stage::Registered, |s, step| apply(s, t, *step))
    }

    #[test]
    fn a_voluntary_return_goes_from_registration_to_closure() {
        use Step::*;
        let steps = [
            Counsel,
            RecordConsent,
            ArrangeTravel,
            ConfirmArrival,
            PlanReintegration,
            Disburse,
            RecordVisit,
            Disburse,
            RecordVisit,
            Close,
        ];
        assert_eq!(walk(ReturnType::Voluntary, &steps), Ok(Stage::Closed));
    }

    #[test]
    fn a_forced_return_has_an_order_and_no_consent() {
        use Step::*;
        assert_eq!(
            walk(ReturnType::Forced, &[OrderForcedReturn, ArrangeTravel, ConfirmArrival, RecordVisit]),
            Ok(Stage::Monitored)
        );
        let e = walk(ReturnType::Forced, &[Counsel, RecordConsent]).unwrap_err();
        assert_eq!(e.code, "forced-no-consent");
        assert!(walk(ReturnType::Voluntary, &[OrderForcedReturn]).is_err());
    }

    #[test]
    fn steps_out_of_order_are_refused_with_the_stage() {
        use Step::*;
        let e = walk(ReturnType::Voluntary, &[ConfirmArrival]).unwrap_err();
        assert_eq!(e.to_string(), "step-needs step=confirm_arrival stage=registered needs=travel-arranged");
        assert_eq!(walk(ReturnType::Voluntary, &[RecordConsent]).unwrap_err().code, "consent-needs-counselling");
        assert_eq!(walk(ReturnType::Voluntary, &[Counsel, ArrangeTravel]).unwrap_err().code, "travel-needs-consent");
        assert!(walk(ReturnType::Voluntary, &[Counsel, RecordConsent, ArrangeTravel, RecordVisit]).is_err());
    }

    #[test]
    fn withdrawal_stops_the_case_for_good() {
        use Step::*;
        assert_eq!(walk(ReturnType::Voluntary, &[Counsel, RecordConsent, WithdrawConsent]), Ok(Stage::Stopped));
        for step in Step::ALL {
            assert!(apply(Stage::Stopped, ReturnType::Voluntary, *step).is_err());
            assert!(apply(Stage::Closed, ReturnType::Forced, *step).is_err());
        }
        let arrived = walk(ReturnType::Voluntary, &[Counsel, RecordConsent, ArrangeTravel, ConfirmArrival]);
        assert!(apply(arrived.unwrap(), ReturnType::Voluntary, WithdrawConsent).is_err());
    }

    #[test]
    fn a_forced_return_converted_to_voluntary_needs_counselling_and_consent() {
        use Step::*;
        let ordered = walk(ReturnType::Forced, &[OrderForcedReturn]).unwrap();
        assert_eq!(apply(ordered, ReturnType::Forced, ConvertToVoluntary), Ok(Stage::Registered));
        assert!(apply(Stage::Registered, ReturnType::Voluntary, ConvertToVoluntary).is_err());
        assert!(apply(Stage::Arrived, ReturnType::Forced, ConvertToVoluntary).is_err());
        assert!(apply(Stage::Registered, ReturnType::Voluntary, ArrangeTravel).is_err(), "consent first");
    }

    #[test]
    fn a_forced_return_that_will_not_happen_is_closed_before_departure() {
        use Step::*;
        let ordered = walk(ReturnType::Forced, &[OrderForcedReturn]).unwrap();
        assert_eq!(apply(ordered, ReturnType::Forced, Close), Ok(Stage::Closed));
        assert!(apply(Stage::ConsentRecorded, ReturnType::Voluntary, Close).is_err(), "withdrawal instead");
        assert!(apply(Stage::Arrived, ReturnType::Forced, Close).is_err());
    }

    #[test]
    fn only_travel_and_arrival_of_a_forced_return_pass_the_gate() {
        let gated: Vec<Step> =
            Step::ALL.iter().copied().filter(|s| needs_protection_gate(ReturnType::Forced, *s)).collect();
        assert_eq!(gated, [Step::ArrangeTravel, Step::ConfirmArrival]);
        assert!(Step::ALL.iter().all(|s| !needs_protection_gate(ReturnType::Voluntary, *s)));
    }

    #[test]
    fn assistance_after_a_visit_keeps_the_case_monitored() {
        assert_eq!(apply(Stage::Monitored, ReturnType::Voluntary, Step::Disburse), Ok(Stage::Monitored));
    }
}
