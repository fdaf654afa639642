package com.example.webex.client;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The envelope Webex puts around REST API errors.
 *
 * @param message the summary
 * @param errors the details, never {@code null}
 * @param trackingId the id Webex support asks for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record WebexErrorBody(String message, List<Detail> errors, String trackingId) {

	WebexErrorBody {
		errors = (errors != null) ? errors : List.of();
	}

	/** The message, or else the first detail's description. */
	String summary() {
		if (this.message != null && !this.message.isBlank()) {
			return this.message;
		}
		return this.errors.stream()
			.filter(Objects::nonNull)
			.map(Detail::description)
			.filter((description) -> description != null && !description.isBlank())
			.findFirst()
			.orElse(null);
	}

	/**
	 * One error detail.
	 *
	 * @param description what went wrong
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Detail(String description) {

	}

}
