"""Contains all the data models used in inputs/outputs"""

from .account_create import AccountCreate
from .account_created_event import AccountCreatedEvent
from .account_created_event_data import AccountCreatedEventData
from .account_created_event_data_lines_item import AccountCreatedEventDataLinesItem
from .account_key_create import AccountKeyCreate
from .account_key_create_role import AccountKeyCreateRole
from .account_out import AccountOut
from .account_owner_changed_event import AccountOwnerChangedEvent
from .account_owner_changed_event_data import AccountOwnerChangedEventData
from .account_patch import AccountPatch
from .account_status import AccountStatus
from .account_status_changed_event import AccountStatusChangedEvent
from .account_status_changed_event_data import AccountStatusChangedEventData
from .account_updated_event import AccountUpdatedEvent
from .account_updated_event_data import AccountUpdatedEventData
from .account_updated_event_data_changes import AccountUpdatedEventDataChanges
from .activity_batch import ActivityBatch
from .activity_in import ActivityIn
from .added_agent_out import AddedAgentOut
from .agent_activity_recorded_event import AgentActivityRecordedEvent
from .agent_activity_recorded_event_data import AgentActivityRecordedEventData
from .agent_added_event import AgentAddedEvent
from .agent_added_event_data import AgentAddedEventData
from .agent_create import AgentCreate
from .agent_create_role import AgentCreateRole
from .agent_downgraded_event import AgentDowngradedEvent
from .agent_downgraded_event_data import AgentDowngradedEventData
from .agent_out import AgentOut
from .agent_patch import AgentPatch
from .agent_removed_event import AgentRemovedEvent
from .agent_removed_event_data import AgentRemovedEventData
from .agent_role import AgentRole
from .agent_seats_out import AgentSeatsOut
from .agent_sync_applied_event import AgentSyncAppliedEvent
from .agent_sync_applied_event_data import AgentSyncAppliedEventData
from .agent_sync_applied_event_data_seats_taken_item import AgentSyncAppliedEventDataSeatsTakenItem
from .agent_sync_in import AgentSyncIn
from .agent_sync_out import AgentSyncOut
from .agent_updated_event import AgentUpdatedEvent
from .agent_updated_event_data import AgentUpdatedEventData
from .api_key_created import ApiKeyCreated
from .api_key_created_event import ApiKeyCreatedEvent
from .api_key_created_event_data import ApiKeyCreatedEventData
from .api_key_out import ApiKeyOut
from .api_key_revoked_event import ApiKeyRevokedEvent
from .api_key_revoked_event_data import ApiKeyRevokedEventData
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
from .sales_request_created_event import SalesRequestCreatedEvent
from .sales_request_created_event_data import SalesRequestCreatedEventData
from .sales_request_created_event_data_fulfilment_type_0 import SalesRequestCreatedEventDataFulfilmentType0
from .sales_request_created_event_data_sales_rep_type_0 import SalesRequestCreatedEventDataSalesRepType0
from .sales_request_in import SalesRequestIn
from .sales_request_out import SalesRequestOut
from .sales_request_updated_event import SalesRequestUpdatedEvent
from .sales_request_updated_event_data import SalesRequestUpdatedEventData
from .sales_request_updated_event_data_fulfilment_type_0 import SalesRequestUpdatedEventDataFulfilmentType0
from .sales_request_updated_event_data_sales_rep_type_0 import SalesRequestUpdatedEventDataSalesRepType0
from .seat_change_applied_event import SeatChangeAppliedEvent
from .seat_change_applied_event_data import SeatChangeAppliedEventData
from .seat_change_applied_event_data_lines_item import SeatChangeAppliedEventDataLinesItem
from .seat_change_cancelled_event import SeatChangeCancelledEvent
from .seat_change_cancelled_event_data import SeatChangeCancelledEventData
from .seat_change_cancelled_event_data_lines_item import SeatChangeCancelledEventDataLinesItem
from .seat_change_in import SeatChangeIn
from .seat_change_out import SeatChangeOut
from .seat_change_preview_out import SeatChangePreviewOut
from .seat_change_scheduled_event import SeatChangeScheduledEvent
from .seat_change_scheduled_event_data import SeatChangeScheduledEventData
from .seat_change_scheduled_event_data_lines_item import SeatChangeScheduledEventDataLinesItem
from .seat_explanation_out import SeatExplanationOut
from .seat_line_in import SeatLineIn
from .seat_reason import SeatReason
from .seat_reclaim_in import SeatReclaimIn
from .seat_reclaim_out import SeatReclaimOut
from .seats_exhausted_problem import SeatsExhaustedProblem
from .seats_freed_out import SeatsFreedOut
from .seats_full_event import SeatsFullEvent
from .seats_full_event_data import SeatsFullEventData
from .seats_full_event_data_lines_item import SeatsFullEventDataLinesItem
from .seats_near_limit_event import SeatsNearLimitEvent
from .seats_near_limit_event_data import SeatsNearLimitEventData
from .seats_near_limit_event_data_lines_item import SeatsNearLimitEventDataLinesItem
from .seats_reclaimed_event import SeatsReclaimedEvent
from .seats_reclaimed_event_data import SeatsReclaimedEventData
from .seats_reclaimed_event_data_seats_freed_item import SeatsReclaimedEventDataSeatsFreedItem
from .subscription_out import SubscriptionOut
from .subscription_renewed_event import SubscriptionRenewedEvent
from .subscription_renewed_event_data import SubscriptionRenewedEventData
from .suite_out import SuiteOut
from .sync_agent_in import SyncAgentIn
from .sync_agent_in_role import SyncAgentInRole
from .sync_agent_out import SyncAgentOut
from .sync_update_out import SyncUpdateOut
from .sync_update_out_changes import SyncUpdateOutChanges
from .sync_update_out_changes_additional_property import SyncUpdateOutChangesAdditionalProperty
from .temporary_seats_added_event import TemporarySeatsAddedEvent
from .temporary_seats_added_event_data import TemporarySeatsAddedEventData
from .temporary_seats_deleted_event import TemporarySeatsDeletedEvent
from .temporary_seats_deleted_event_data import TemporarySeatsDeletedEventData
from .temporary_seats_ended_event import TemporarySeatsEndedEvent
from .temporary_seats_ended_event_data import TemporarySeatsEndedEventData
from .temporary_seats_ending_event import TemporarySeatsEndingEvent
from .temporary_seats_ending_event_data import TemporarySeatsEndingEventData
from .temporary_seats_in import TemporarySeatsIn
from .temporary_seats_out import TemporarySeatsOut
from .temporary_seats_started_event import TemporarySeatsStartedEvent
from .temporary_seats_started_event_data import TemporarySeatsStartedEventData
from .validation_issue import ValidationIssue
from .waiting_agent_added_event import WaitingAgentAddedEvent
from .waiting_agent_added_event_data import WaitingAgentAddedEventData
from .waiting_agent_out import WaitingAgentOut
from .waiting_agent_removed_event import WaitingAgentRemovedEvent
from .waiting_agent_removed_event_data import WaitingAgentRemovedEventData
from .warning_code import WarningCode
from .warning_out import WarningOut
from .webhook_delivery_retried_event import WebhookDeliveryRetriedEvent
from .webhook_delivery_retried_event_data import WebhookDeliveryRetriedEventData
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_created_event import WebhookEndpointCreatedEvent
from .webhook_endpoint_created_event_data import WebhookEndpointCreatedEventData
from .webhook_endpoint_deleted_event import WebhookEndpointDeletedEvent
from .webhook_endpoint_deleted_event_data import WebhookEndpointDeletedEventData
from .webhook_endpoint_in import WebhookEndpointIn
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_patch import WebhookEndpointPatch
from .webhook_endpoint_secret_rotated_event import WebhookEndpointSecretRotatedEvent
from .webhook_endpoint_secret_rotated_event_data import WebhookEndpointSecretRotatedEventData
from .webhook_endpoint_updated_event import WebhookEndpointUpdatedEvent
from .webhook_endpoint_updated_event_data import WebhookEndpointUpdatedEventData
from .webhook_endpoint_updated_event_data_changes import WebhookEndpointUpdatedEventDataChanges
from .webhook_test_event import WebhookTestEvent
from .webhook_test_event_data import WebhookTestEventData

__all__ = (
    "AccountCreate",
    "AccountCreatedEvent",
    "AccountCreatedEventData",
    "AccountCreatedEventDataLinesItem",
    "AccountKeyCreate",
    "AccountKeyCreateRole",
    "AccountOut",
    "AccountOwnerChangedEvent",
    "AccountOwnerChangedEventData",
    "AccountPatch",
    "AccountStatus",
    "AccountStatusChangedEvent",
    "AccountStatusChangedEventData",
    "AccountUpdatedEvent",
    "AccountUpdatedEventData",
    "AccountUpdatedEventDataChanges",
    "ActivityBatch",
    "ActivityIn",
    "AddedAgentOut",
    "AgentActivityRecordedEvent",
    "AgentActivityRecordedEventData",
    "AgentAddedEvent",
    "AgentAddedEventData",
    "AgentCreate",
    "AgentCreateRole",
    "AgentDowngradedEvent",
    "AgentDowngradedEventData",
    "AgentOut",
    "AgentPatch",
    "AgentRemovedEvent",
    "AgentRemovedEventData",
    "AgentRole",
    "AgentSeatsOut",
    "AgentSyncAppliedEvent",
    "AgentSyncAppliedEventData",
    "AgentSyncAppliedEventDataSeatsTakenItem",
    "AgentSyncIn",
    "AgentSyncOut",
    "AgentUpdatedEvent",
    "AgentUpdatedEventData",
    "ApiKeyCreated",
    "ApiKeyCreatedEvent",
    "ApiKeyCreatedEventData",
    "ApiKeyOut",
    "ApiKeyRevokedEvent",
    "ApiKeyRevokedEventData",
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
    "SalesRequestCreatedEvent",
    "SalesRequestCreatedEventData",
    "SalesRequestCreatedEventDataFulfilmentType0",
    "SalesRequestCreatedEventDataSalesRepType0",
    "SalesRequestIn",
    "SalesRequestOut",
    "SalesRequestUpdatedEvent",
    "SalesRequestUpdatedEventData",
    "SalesRequestUpdatedEventDataFulfilmentType0",
    "SalesRequestUpdatedEventDataSalesRepType0",
    "SeatChangeAppliedEvent",
    "SeatChangeAppliedEventData",
    "SeatChangeAppliedEventDataLinesItem",
    "SeatChangeCancelledEvent",
    "SeatChangeCancelledEventData",
    "SeatChangeCancelledEventDataLinesItem",
    "SeatChangeIn",
    "SeatChangeOut",
    "SeatChangePreviewOut",
    "SeatChangeScheduledEvent",
    "SeatChangeScheduledEventData",
    "SeatChangeScheduledEventDataLinesItem",
    "SeatExplanationOut",
    "SeatLineIn",
    "SeatReason",
    "SeatReclaimIn",
    "SeatReclaimOut",
    "SeatsExhaustedProblem",
    "SeatsFreedOut",
    "SeatsFullEvent",
    "SeatsFullEventData",
    "SeatsFullEventDataLinesItem",
    "SeatsNearLimitEvent",
    "SeatsNearLimitEventData",
    "SeatsNearLimitEventDataLinesItem",
    "SeatsReclaimedEvent",
    "SeatsReclaimedEventData",
    "SeatsReclaimedEventDataSeatsFreedItem",
    "SubscriptionOut",
    "SubscriptionRenewedEvent",
    "SubscriptionRenewedEventData",
    "SuiteOut",
    "SyncAgentIn",
    "SyncAgentInRole",
    "SyncAgentOut",
    "SyncUpdateOut",
    "SyncUpdateOutChanges",
    "SyncUpdateOutChangesAdditionalProperty",
    "TemporarySeatsAddedEvent",
    "TemporarySeatsAddedEventData",
    "TemporarySeatsDeletedEvent",
    "TemporarySeatsDeletedEventData",
    "TemporarySeatsEndedEvent",
    "TemporarySeatsEndedEventData",
    "TemporarySeatsEndingEvent",
    "TemporarySeatsEndingEventData",
    "TemporarySeatsIn",
    "TemporarySeatsOut",
    "TemporarySeatsStartedEvent",
    "TemporarySeatsStartedEventData",
    "ValidationIssue",
    "WaitingAgentAddedEvent",
    "WaitingAgentAddedEventData",
    "WaitingAgentOut",
    "WaitingAgentRemovedEvent",
    "WaitingAgentRemovedEventData",
    "WarningCode",
    "WarningOut",
    "WebhookDeliveryRetriedEvent",
    "WebhookDeliveryRetriedEventData",
    "WebhookEndpointCreated",
    "WebhookEndpointCreatedEvent",
    "WebhookEndpointCreatedEventData",
    "WebhookEndpointDeletedEvent",
    "WebhookEndpointDeletedEventData",
    "WebhookEndpointIn",
    "WebhookEndpointOut",
    "WebhookEndpointPatch",
    "WebhookEndpointSecretRotatedEvent",
    "WebhookEndpointSecretRotatedEventData",
    "WebhookEndpointUpdatedEvent",
    "WebhookEndpointUpdatedEventData",
    "WebhookEndpointUpdatedEventDataChanges",
    "WebhookTestEvent",
    "WebhookTestEventData",
)
