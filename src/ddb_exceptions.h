/*-------------------------------------------------------------------------
 *
 * ddb_exceptions.h
 *	  The catalogue of DynamoDB exceptions that ddbtable can report.
 *
 * This header has no PostgreSQL dependencies, so the modules that run
 * outside a backend (attribute values, expressions, their unit tests and
 * fuzz targets) can name exceptions too.  Each entry gives the exception
 * name, the namespace that prefixes it in "__type", the HTTP status the
 * real service answers with, the last three characters of its SQLSTATE in
 * ddbtable's own class "YD", and whether the JSON body spells its message
 * member "Message" (capitalised) rather than "message".
 *
 * The SQLSTATE class "YD" starts with a letter in the range that the SQL
 * standard leaves to implementations (I-Z) and is not used by PostgreSQL.
 *
 * IDENTIFICATION
 *	  src/ddb_exceptions.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_EXCEPTIONS_H
#define DDB_EXCEPTIONS_H

#define DDB_NS_DYNAMODB		"com.amazonaws.dynamodb.v20120810"
#define DDB_NS_VALIDATE		"com.amazon.coral.validate"
#define DDB_NS_SERVICE		"com.amazon.coral.service"
#define DDB_NS_AVAILABILITY "com.amazon.coral.availability"

/*
 * X(name, namespace, http status, the three characters of the SQLSTATE after
 *   the class, capital Message)
 */
#define DDB_EXCEPTION_LIST(X) \
	X(ValidationException, DDB_NS_VALIDATE, 400, '0', '0', '1', false) \
	X(SerializationException, DDB_NS_SERVICE, 400, '0', '0', '2', true) \
	X(ResourceNotFoundException, DDB_NS_DYNAMODB, 400, '0', '0', '3', false) \
	X(ResourceInUseException, DDB_NS_DYNAMODB, 400, '0', '0', '4', false) \
	X(LimitExceededException, DDB_NS_DYNAMODB, 400, '0', '0', '5', false) \
	X(ConditionalCheckFailedException, DDB_NS_DYNAMODB, 400, '0', '0', '6', false) \
	X(TransactionCanceledException, DDB_NS_DYNAMODB, 400, '0', '0', '7', true) \
	X(TransactionConflictException, DDB_NS_DYNAMODB, 400, '0', '0', '8', false) \
	X(TransactionInProgressException, DDB_NS_DYNAMODB, 400, '0', '0', '9', true) \
	X(IdempotentParameterMismatchException, DDB_NS_DYNAMODB, 400, '0', '1', '0', true) \
	X(ItemCollectionSizeLimitExceededException, DDB_NS_DYNAMODB, 400, '0', '1', '1', false) \
	X(ProvisionedThroughputExceededException, DDB_NS_DYNAMODB, 400, '0', '1', '2', false) \
	X(ThrottlingException, DDB_NS_AVAILABILITY, 400, '0', '1', '3', false) \
	X(RequestLimitExceeded, DDB_NS_DYNAMODB, 400, '0', '1', '4', false) \
	X(ReplicatedWriteConflictException, DDB_NS_DYNAMODB, 409, '0', '1', '5', false) \
	X(InternalServerError, DDB_NS_DYNAMODB, 500, '0', '1', '6', false) \
	X(ServiceUnavailable, DDB_NS_DYNAMODB, 503, '0', '1', '7', false) \
	X(BackupNotFoundException, DDB_NS_DYNAMODB, 400, '0', '1', '8', false) \
	X(BackupInUseException, DDB_NS_DYNAMODB, 400, '0', '1', '9', false) \
	X(TableNotFoundException, DDB_NS_DYNAMODB, 400, '0', '2', '0', false) \
	X(TableAlreadyExistsException, DDB_NS_DYNAMODB, 400, '0', '2', '1', false) \
	X(TableInUseException, DDB_NS_DYNAMODB, 400, '0', '2', '2', false) \
	X(ContinuousBackupsUnavailableException, DDB_NS_DYNAMODB, 400, '0', '2', '3', false) \
	X(PointInTimeRecoveryUnavailableException, DDB_NS_DYNAMODB, 400, '0', '2', '4', false) \
	X(InvalidRestoreTimeException, DDB_NS_DYNAMODB, 400, '0', '2', '5', false) \
	X(AccessDeniedException, DDB_NS_SERVICE, 400, '0', '2', '6', true) \
	X(UnknownOperationException, DDB_NS_SERVICE, 400, '0', '2', '7', false) \
	X(MissingAuthenticationTokenException, DDB_NS_SERVICE, 400, '0', '2', '8', false) \
	X(IncompleteSignatureException, DDB_NS_SERVICE, 400, '0', '2', '9', false) \
	X(InvalidSignatureException, DDB_NS_SERVICE, 400, '0', '3', '0', false) \
	X(UnrecognizedClientException, DDB_NS_SERVICE, 400, '0', '3', '1', false) \
	X(DuplicateItemException, DDB_NS_DYNAMODB, 400, '0', '3', '2', false) \
	X(IndexNotFoundException, DDB_NS_DYNAMODB, 400, '0', '3', '3', false) \
	X(ExportConflictException, DDB_NS_DYNAMODB, 400, '0', '3', '4', false) \
	X(ExportNotFoundException, DDB_NS_DYNAMODB, 400, '0', '3', '5', false) \
	X(InvalidExportTimeException, DDB_NS_DYNAMODB, 400, '0', '3', '6', false) \
	X(ImportConflictException, DDB_NS_DYNAMODB, 400, '0', '3', '7', false) \
	X(ImportNotFoundException, DDB_NS_DYNAMODB, 400, '0', '3', '8', false) \
	X(GlobalTableAlreadyExistsException, DDB_NS_DYNAMODB, 400, '0', '3', '9', false) \
	X(GlobalTableNotFoundException, DDB_NS_DYNAMODB, 400, '0', '4', '0', false) \
	X(ReplicaAlreadyExistsException, DDB_NS_DYNAMODB, 400, '0', '4', '1', false) \
	X(ReplicaNotFoundException, DDB_NS_DYNAMODB, 400, '0', '4', '2', false) \
	X(PolicyNotFoundException, DDB_NS_DYNAMODB, 400, '0', '4', '3', false) \
	X(InvalidEndpointException, DDB_NS_DYNAMODB, 421, '0', '4', '4', false)

/* DDB_EXC_ValidationException, DDB_EXC_SerializationException, ... */
typedef enum DdbException
{
#define DDB_EXC_ENUM(name, ns, http, c1, c2, c3, capital) DDB_EXC_##name,
	DDB_EXCEPTION_LIST(DDB_EXC_ENUM)
#undef DDB_EXC_ENUM
	DDB_EXC_COUNT
} DdbException;

#endif							/* DDB_EXCEPTIONS_H */
