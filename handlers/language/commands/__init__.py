"""One small frozen dataclass per intent. The parser builds them, `to_text` prints them back, the registry runs them.

The commands live in modules by topic; this package names them all, so `commands.Show` works as before.
"""

from handlers.language.commands.exchange import (
    CARD_WORDS,
    CardAction,
    Compare,
    ConfirmImport,
    Export,
    FindDuplicates,
    MarkDistinct,
    Merge,
    MergeDetails,
    Privacy,
)
from handlers.language.commands.outreach import (
    RESPONSE_WORDS,
    Bulk,
    CampaignCommand,
    Convert,
    LeadRules,
    Leads,
    Score,
    SegmentCommand,
    SetLeadStatus,
    TagRecord,
    Tags,
)
from handlers.language.commands.records import (
    AddCompany,
    AddContact,
    Attach,
    Capture,
    DeleteContact,
    EditContact,
    Find,
    Help,
    History,
    ListContacts,
    ListFiles,
    LogInteraction,
    Pick,
    SetLanguage,
    SetMailAddress,
    SetRegion,
    SetTimezone,
    Show,
    Start,
    Undo,
    Upload,
    Web,
)
from handlers.language.commands.words import join, page_words
from handlers.language.commands.work import (
    AddDeal,
    AddTask,
    AssignTask,
    CompleteTask,
    Digest,
    Forecast,
    Funnel,
    ListDeals,
    ListTasks,
    MoveDeal,
    Report,
    RescheduleTask,
    SetRates,
    SetRole,
    ShowPipeline,
    ShowTeam,
    SnoozeTask,
    Stuck,
)
from handlers.language.field_commands import FieldCommand
from handlers.language.quality_commands import QualityFix, QualityReport
from handlers.language.visit_commands import Near

Command = (Start | Help | AddContact | AddCompany | EditContact | LogInteraction | Show | ListContacts
           | DeleteContact | AddTask | ListTasks | CompleteTask | SnoozeTask | RescheduleTask | AddDeal
           | ListDeals | MoveDeal | ShowPipeline | Find | Undo | SetLanguage | SetTimezone | SetRegion | Pick
           | Upload | Attach | ListFiles | Digest | AssignTask | ShowTeam | SetRole | Capture
           | FindDuplicates | Merge | MergeDetails | MarkDistinct | Compare | ConfirmImport | Export | Privacy | History
           | Report | Forecast | Funnel | Stuck | SetRates | Web | TagRecord | Tags | SegmentCommand | Bulk | Leads
           | SetLeadStatus | Convert | Score | LeadRules | CampaignCommand | CardAction | SetMailAddress
           | QualityReport | QualityFix | FieldCommand | Near)


__all__ = ["FieldCommand", "Near", "QualityFix", "QualityReport", "AddCompany", "AddContact", "AddDeal", "AddTask", "AssignTask", "Attach", "Bulk", "CARD_WORDS", "CampaignCommand", "Capture", "CardAction", "Command", "Compare", "CompleteTask", "ConfirmImport", "Convert", "DeleteContact", "Digest", "EditContact", "Export", "Find", "FindDuplicates", "Forecast", "Funnel", "Help", "History", "LeadRules", "Leads", "ListContacts", "ListDeals", "ListFiles", "ListTasks", "LogInteraction", "MarkDistinct", "Merge", "MergeDetails", "MoveDeal", "Pick", "Privacy", "RESPONSE_WORDS", "Report", "RescheduleTask", "Score", "SegmentCommand", "SetLanguage", "SetLeadStatus", "SetMailAddress", "SetRates", "SetRegion", "SetRole", "SetTimezone", "Show", "ShowPipeline", "ShowTeam", "SnoozeTask", "Start", "Stuck", "TagRecord", "Tags", "Undo", "Upload", "Web", "join", "page_words"]
