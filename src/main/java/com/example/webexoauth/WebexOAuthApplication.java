package com.example.webexoauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class WebexOAuthApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebexOAuthApplication.class, args);
	}

}
