"""The quotes app: articles, speakers, quotes and topics."""
