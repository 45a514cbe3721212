package io.ragwell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RagwellApplication {

	public static void main(String[] args) {
		SpringApplication.run(RagwellApplication.class, args);
	}

}
