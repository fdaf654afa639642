package com.example.webexoauth.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC additions: the shared layout's attributes on every page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SiteProperties.class)
class WebConfiguration implements WebMvcConfigurer {

	private final SiteProperties site;

	WebConfiguration(SiteProperties site) {
		this.site = site;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// JSON and the simulator's REST API render no layout
		registry.addInterceptor(new LayoutModel(this.site.simulated())).excludePathPatterns("/api/**", "/v1/**");
	}

}
