package com.example.webex.simulator.junit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest Spring Boot app that signs in with Webex: Spring Security's
 * {@code oauth2Login} built by Boot from {@code spring.security.oauth2.client.*}
 * properties (see {@link SignInTests}), and one page that greets whoever signed in. A
 * stand-in for the application a team tests with the simulator.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(OAuth2LoginTestApplication.GreetingController.class)
class OAuth2LoginTestApplication {

	@RestController
	static class GreetingController {

		@GetMapping("/")
		String greet(@AuthenticationPrincipal OAuth2User user) {
			return "Signed in as " + user.getName();
		}

	}

}
