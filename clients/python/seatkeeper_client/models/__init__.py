"""Contains all the data models used in inputs/outputs"""

from .account_create import AccountCreate
from .account_key_create import AccountKeyCreate
from .account_key_create_role import AccountKeyCreateRole
from .account_out import AccountOut
from .account_patch import AccountPatch
from .account_status import AccountStatus
from .activity_batch import ActivityBatch
from .activity_in import ActivityIn
from .added_agent_out import AddedAgentOut
from .agent_create import AgentCreate
from .agent_create_role import AgentCreateRole
from .agent_out import AgentOut
from .agent_patch import AgentPatch
from .agent_role import AgentRole
from .agent_seats_out import AgentSeatsOut
from .agent_sync_in import AgentSyncIn
from .agent_sync_out import AgentSyncOut
from .api_key_created import ApiKeyCreated
from .api_key_out import ApiKeyOut
from .apply_refusal_out import ApplyRefusalOut
from .assignee import Assignee
from .billing_cycle import BillingCycle
from .billing_mode import BillingMode
from .catalog_out import CatalogOut
from .change_status import ChangeStatus
from .channel import Channel
from .channel_option_out import ChannelOptionOut
from .channel_option_out_actions_item import ChannelOptionOutActionsItem
from .contact_out import ContactOut
from .contact_out_role import ContactOutRole
from .decline_in import DeclineIn
from .delivery_out import DeliveryOut
from .delivery_status import DeliveryStatus
from .downgraded_out import DowngradedOut
from .effective import Effective
from .event_out import EventOut
from .event_out_data import EventOutData
from .event_type_out import EventTypeOut
from .event_types_out import EventTypesOut
from .fulfil_in import FulfilIn
from .fulfilment_out import FulfilmentOut
from .grant_status import GrantStatus
from .healthz_response_healthz import HealthzResponseHealthz
from .line_change_out import LineChangeOut
from .line_out import LineOut
from .line_state import LineState
from .missing_seat_out import MissingSeatOut
from .missing_seats_out import MissingSeatsOut
from .notification_out import NotificationOut
from .notification_out_data import NotificationOutData
from .notification_type import NotificationType
from .owner_hand_over import OwnerHandOver
from .owner_in import OwnerIn
from .page_account_out import PageAccountOut
from .page_agent_out import PageAgentOut
from .page_api_key_out import PageApiKeyOut
from .page_delivery_out import PageDeliveryOut
from .page_event_out import PageEventOut
from .page_notification_out import PageNotificationOut
from .page_sales_request_out import PageSalesRequestOut
from .page_seat_change_out import PageSeatChangeOut
from .page_temporary_seats_out import PageTemporarySeatsOut
from .page_waiting_agent_out import PageWaitingAgentOut
from .page_webhook_endpoint_out import PageWebhookEndpointOut
from .pending_change_out import PendingChangeOut
from .person_out import PersonOut
from .platform_key_create import PlatformKeyCreate
from .platform_key_create_role import PlatformKeyCreateRole
from .preview_line_out import PreviewLineOut
from .problem import Problem
from .product_out import ProductOut
from .product_out_kind import ProductOutKind
from .purchase_options_out import PurchaseOptionsOut
from .quote_out import QuoteOut
from .reclaimed_agent_out import ReclaimedAgentOut
from .recorded_activity_out import RecordedActivityOut
from .request_kind import RequestKind
from .request_status import RequestStatus
from .role import Role
from .run_jobs_response_runjobs import RunJobsResponseRunjobs
from .sales_rep_in import SalesRepIn
from .sales_rep_out import SalesRepOut
from .sales_request_in import SalesRequestIn
from .sales_request_out import SalesRequestOut
from .seat_change_in import SeatChangeIn
from .seat_change_out import SeatChangeOut
from .seat_change_preview_out import SeatChangePreviewOut
from .seat_explanation_out import SeatExplanationOut
from .seat_line_in import SeatLineIn
from .seat_reason import SeatReason
from .seat_reclaim_in import SeatReclaimIn
from .seat_reclaim_out import SeatReclaimOut
from .seats_exhausted_problem import SeatsExhaustedProblem
from .seats_freed_out import SeatsFreedOut
from .subscription_out import SubscriptionOut
from .suite_out import SuiteOut
from .sync_agent_in import SyncAgentIn
from .sync_agent_in_role import SyncAgentInRole
from .sync_agent_out import SyncAgentOut
from .sync_update_out import SyncUpdateOut
from .sync_update_out_changes import SyncUpdateOutChanges
from .sync_update_out_changes_additional_property import SyncUpdateOutChangesAdditionalProperty
from .temporary_seats_in import TemporarySeatsIn
from .temporary_seats_out import TemporarySeatsOut
from .validation_issue import ValidationIssue
from .waiting_agent_out import WaitingAgentOut
from .warning_code import WarningCode
from .warning_out import WarningOut
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_in import WebhookEndpointIn
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_patch import WebhookEndpointPatch

__all__ = (
    "AccountCreate",
    "AccountKeyCreate",
    "AccountKeyCreateRole",
    "AccountOut",
    "AccountPatch",
    "AccountStatus",
    "ActivityBatch",
    "ActivityIn",
    "AddedAgentOut",
    "AgentCreate",
    "AgentCreateRole",
    "AgentOut",
    "AgentPatch",
    "AgentRole",
    "AgentSeatsOut",
    "AgentSyncIn",
    "AgentSyncOut",
    "ApiKeyCreated",
    "ApiKeyOut",
    "ApplyRefusalOut",
    "Assignee",
    "BillingCycle",
    "BillingMode",
    "CatalogOut",
    "ChangeStatus",
    "Channel",
    "ChannelOptionOut",
    "ChannelOptionOutActionsItem",
    "ContactOut",
    "ContactOutRole",
    "DeclineIn",
    "DeliveryOut",
    "DeliveryStatus",
    "DowngradedOut",
    "Effective",
    "EventOut",
    "EventOutData",
    "EventTypeOut",
    "EventTypesOut",
    "FulfilIn",
    "FulfilmentOut",
    "GrantStatus",
    "HealthzResponseHealthz",
    "LineChangeOut",
    "LineOut",
    "LineState",
    "MissingSeatOut",
    "MissingSeatsOut",
    "NotificationOut",
    "NotificationOutData",
    "NotificationType",
    "OwnerHandOver",
    "OwnerIn",
    "PageAccountOut",
    "PageAgentOut",
    "PageApiKeyOut",
    "PageDeliveryOut",
    "PageEventOut",
    "PageNotificationOut",
    "PageSalesRequestOut",
    "PageSeatChangeOut",
    "PageTemporarySeatsOut",
    "PageWaitingAgentOut",
    "PageWebhookEndpointOut",
    "PendingChangeOut",
    "PersonOut",
    "PlatformKeyCreate",
    "PlatformKeyCreateRole",
    "PreviewLineOut",
    "Problem",
    "ProductOut",
    "ProductOutKind",
    "PurchaseOptionsOut",
    "QuoteOut",
    "ReclaimedAgentOut",
    "RecordedActivityOut",
    "RequestKind",
    "RequestStatus",
    "Role",
    "RunJobsResponseRunjobs",
    "SalesRepIn",
    "SalesRepOut",
    "SalesRequestIn",
    "SalesRequestOut",
    "SeatChangeIn",
    "SeatChangeOut",
    "SeatChangePreviewOut",
    "SeatExplanationOut",
    "SeatLineIn",
    "SeatReason",
    "SeatReclaimIn",
    "SeatReclaimOut",
    "SeatsExhaustedProblem",
    "SeatsFreedOut",
    "SubscriptionOut",
    "SuiteOut",
    "SyncAgentIn",
    "SyncAgentInRole",
    "SyncAgentOut",
    "SyncUpdateOut",
    "SyncUpdateOutChanges",
    "SyncUpdateOutChangesAdditionalProperty",
    "TemporarySeatsIn",
    "TemporarySeatsOut",
    "ValidationIssue",
    "WaitingAgentOut",
    "WarningCode",
    "WarningOut",
    "WebhookEndpointCreated",
    "WebhookEndpointIn",
    "WebhookEndpointOut",
    "WebhookEndpointPatch",
)
