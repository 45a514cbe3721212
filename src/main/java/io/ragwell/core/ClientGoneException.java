package io.ragwell.core;

/**
 * The client hung up while its request waited, and the work not yet started for it was dropped. Nobody reads the
 * response; the web layer only logs it.
 */
public class ClientGoneException extends RuntimeException {

	public ClientGoneException(String message) {
		super(message);
	}

}
