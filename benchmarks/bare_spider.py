"""The baseline: a bare Scrapy CrawlSpider that only follows links (MEASURED.md §5), printing its stats as JSON.

Usage: python benchmarks/bare_spider.py START_URL CONCURRENCY [images]

With `images`, it also downloads every page's images (and does nothing with them): the same requests as a
Blindaje crawl that fetches images, for a like-for-like comparison.
"""
from __future__ import annotations

import json
import sys
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class Bare(CrawlSpider):
    name = "bare"
    rules = (Rule(LinkExtractor(deny_extensions=["jpg", "png"]), callback="parse_page", follow=True),)
    images = False
    pages = 0

    def parse_start_url(self, response):
        return self.parse_page(response)

    def parse_page(self, response):
        self.pages += 1
        if self.images:
            for src in response.xpath("//img/@src").getall():
                yield scrapy.Request(response.urljoin(src), callback=self.image)

    def image(self, response):
        return None


def main() -> None:
    start, concurrency = sys.argv[1], int(sys.argv[2])
    host = urlsplit(start).hostname
    process = CrawlerProcess({"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "COOKIES_ENABLED": False,
                              "RETRY_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": concurrency,
                              "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "TELNETCONSOLE_ENABLED": False})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler, start_urls=[start], allowed_domains=[host], images=sys.argv[3:] == ["images"])
    process.start()
    stats = crawler.stats.get_stats()
    print(json.dumps({"pages": crawler.spider.pages, "requests": stats.get("response_received_count", 0),
                      "bytes": stats.get("downloader/response_bytes", 0)}))


if __name__ == "__main__":
    main()
