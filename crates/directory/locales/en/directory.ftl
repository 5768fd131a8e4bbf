invalid-service-inactive = is not taking referrals (its status is { $status })
