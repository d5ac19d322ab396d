package shop.events;

public enum Channel { WEB, APP, STORE }
