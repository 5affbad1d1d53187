"""The Scrapy project: fetches a portal's pages and images in scope and hands them to the audit and the store."""
