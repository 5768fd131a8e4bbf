invalid-service-inactive = nuk pranon referime (statusi i saj është { $status })
