"""The data model of a disclosure document. Imports nothing else of cnbudget."""

from cnbudget.model.document import (
    Box,
    Category,
    Department,
    Document,
    DocumentMeta,
    Fact,
    FactScope,
    Finding,
    FindingLocation,
    Funds,
    Indicator,
    Kind,
    Locator,
    Paragraph,
    Problem,
    ProblemSeverity,
    Region,
    RegionLevel,
    Row,
    Scope,
    Severity,
    SourceFile,
    Span,
    Status,
    Table,
)

__all__ = [
    "Box", "Category", "Department", "Document", "DocumentMeta", "Fact", "FactScope", "Finding",
    "FindingLocation", "Funds", "Indicator", "Kind", "Locator", "Paragraph", "Problem", "ProblemSeverity",
    "Region", "RegionLevel",
    "Row", "Scope", "Severity", "SourceFile", "Span", "Status", "Table",
]
